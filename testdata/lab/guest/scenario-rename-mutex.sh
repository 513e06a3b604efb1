# Scenario rename-mutex: every worker moves its own file between its own two directories. A rename
# across directories takes the file system's s_vfs_rename_mutex (a struct mutex) in lock_rename()
# and then looks both names up, reading cold directory and inode blocks from the throttled disk.
disk_size=2G
mkfs_options="-b 1024"

scenario_setup() {
  i=1
  while [ $i -le 400 ]; do
    mkdir -p /mnt/r/a$i /mnt/r/b$i
    : > /mnt/r/a$i/f
    i=$((i + 1))
  done
  cat > /bin/renamer <<'W'
#!/bin/sh
# renamer N: move /mnt/r/aN/f to /mnt/r/bN/f and back, for ever
while :; do
  mv /mnt/r/a$1/f /mnt/r/b$1/f
  mv /mnt/r/b$1/f /mnt/r/a$1/f
done
W
  chmod +x /bin/renamer
}

scenario_load() {
  w=1
  while [ "$w" -le "$1" ]; do
    renamer "$w" &
    w=$((w + 1))
  done
}
