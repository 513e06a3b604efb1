# Scenario dir-rwsem: every worker creates files in ONE directory and now and then unlinks an old
# one, so all of them queue on that directory's inode.i_rwsem. The file system has many block groups
# with only 8 inodes each (one inode-table block), so every few creations the allocator moves to a
# group whose inode bitmap is not in memory, and the holder reads it from the throttled disk while
# it holds the directory lock.
disk_size=8G
mkfs_options="-b 1024 -I 128 -i 1048576"

scenario_setup() {
  mkdir -p /mnt/spool
  cat > /bin/spooler <<'W'
#!/bin/sh
# spooler N: create files in /mnt/spool; unlink the one made 8 rounds earlier every 4th round
i=0
while :; do
  : > /mnt/spool/w$1.$i
  [ $((i % 4)) -eq 3 ] && rm -f /mnt/spool/w$1.$((i - 8))
  i=$((i + 1))
done
W
  chmod +x /bin/spooler
}

scenario_load() {
  w=1
  while [ "$w" -le "$1" ]; do
    spooler "$w" &
    w=$((w + 1))
  done
}
