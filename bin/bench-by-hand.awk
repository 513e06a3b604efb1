# The by-hand baseline of bin/bench-analyze: what an engineer's one-off script does with a sysrq
# dump. Each "task:" line starts a stack; frame lines lose their log prefix and offsets; identical
# stacks are counted and printed, most common first (through sort).
/task:.*pid:/ { if (stack != "") count[stack]++; stack = ""; next }
/\+0x/ {
  line = $0
  sub(/^\[[^]]*\] */, "", line)
  if (line ~ /^ *\?/) next
  sub(/\+0x.*/, "", line)
  gsub(/ /, "", line)
  stack = stack ";" line
}
END {
  if (stack != "") count[stack]++
  for (s in count) print count[s], s | "sort -rn"
}
