// Pure: the program the boot unit runs, written beside the plan (`/etc/pulumi-netns/boot/run.sh`).
// POSIX sh and the machine's own tools only (ip, bridge, sysctl, iptables, flock): no Node.js, no
// Pulumi, no state. It reads every entry, leaves alone an entry whose object already exists (made
// already, or a name someone else took), and runs the rest phase by phase: one `ip -force -batch`
// per phase and place, the forwarding owner records under their lock, the missing iptables rules in
// one `iptables-restore --noflush` per family. What fails is said on stderr (the journal) and
// counted, the rest still runs; it exits 1 when anything could not be made, so the unit shows it.
import { RECORDS_LOCK, RECORDS_ROOT } from "../linux/switch-owners-argv";

/** Where the runner keeps its batches while it runs: tmpfs, emptied by every run and every boot. */
export const WORK_DIR = "/run/pulumi-netns/boot";

// `@{` stands for `${` (sh parameter expansion), which a template literal would take for its own.
const SCRIPT = String.raw`# pulumi-netns boot plan runner: puts back at boot what the stacks on this machine made.
# Written by pulumi-netns; its next pulumi up undoes edits. $1: the directory of entries.
PATH=/usr/sbin:/usr/bin:/sbin:/bin; export PATH
dir=$1; work=${WORK_DIR}
umask 077
say() { echo "pulumi-netns boot: $*"; }
failed=0; ran=0; there=0; entries=0
could_not() { failed=$((failed + 1)); echo "pulumi-netns boot: could not $*" >&2; }
rm -rf "$work" && mkdir -p "$work/tags" || { could_not "make $work"; exit 1; }
links=$(ip -o link show 2>/dev/null)
for entry in "$dir"/*; do
  [ -f "$entry" ] || continue
  tag=@{entry##*/}
  case "$tag" in *[!0-9a-f]*) continue;; esac
  entries=$((entries + 1)); skip=
  while read -r kind a b; do
    [ "$kind" = guard ] || continue
    case "$a" in
      netns) if [ -e "/run/netns/$b" ]; then skip="namespace $b"; fi;;
      link) case "$links" in *": $b: "*|*": $b@"*) skip="link $b";; esac;;
    esac
    if [ -n "$skip" ]; then break; fi
  done < "$entry"
  if [ -n "$skip" ]; then there=$((there + 1)); continue; fi
  while read -r kind a rest; do
    case "$kind" in
      guard) ;;
      5) if [ "$a" = - ]; then f=5.-; else f=r.$a; fi; printf '%s\n' "$rest" >> "$work/$f"; printf '%s\n' "$tag" >> "$work/tags/$f"; ran=$((ran + 1));;
      [1-6]) printf '%s\n' "$rest" >> "$work/$kind.$a"; printf '%s\n' "$tag" >> "$work/tags/$kind.$a"; ran=$((ran + 1));;
      forward) printf '%s %s\n' "$a" "$rest" >> "$work/forward";;
      rule4|rule6) printf '%s %s\n' "$a" "$rest" >> "$work/$kind";;
      nftbase|nftrule) printf '%s %s\n' "$a" "$rest" >> "$work/$kind";;
      *) could_not "read a line of entry $tag: $kind";;
    esac
  done < "$entry"
done
# A namespace's routes end its own batch, after its addresses: one process per namespace.
for f in "$work"/r.*; do
  [ -f "$f" ] || continue
  ns=@{f##*/r.}
  while IFS= read -r line; do printf '%s\n' "$line" >> "$work/4.$ns"; done < "$f"
  while IFS= read -r line; do printf '%s\n' "$line" >> "$work/tags/4.$ns"; done < "$work/tags/r.$ns"
  rm -f "$f" "$work/tags/r.$ns"
done
# ip and bridge batches, phase by phase (the file names sort in phase order).
for f in "$work"/[1-6].*; do
  [ -f "$f" ] || continue
  name=@{f##*/}; phase=@{name%%.*}; where=@{name#*.}
  tool=ip; if [ "$phase" = 6 ]; then tool=bridge; fi
  if [ "$where" = - ]; then set -- "$tool"; place="the host"; else set -- "$tool" -n "$where"; place="namespace $where"; fi
  if "$@" -force -batch "$f" 2> "$work/err"; then continue; fi
  said=; reported=
  while IFS= read -r line; do
    case "$line" in
      "Command failed "*)
        n=@{line##*:}; reported=1
        case "$said" in *"File exists"*) ;; *)
          could_not "$(sed -n "@{n}p" "$f") (in $place, entry $(sed -n "@{n}p" "$work/tags/$name")): $said";;
        esac
        said=;;
      *) said="@{said:+$said; }$line";;
    esac
  done < "$work/err"
  if [ -z "$reported" ]; then could_not "run the commands of phase $phase in $place: $said"; fi
done
# Forwarding: the owner records as pulumi-netns keeps them, then the switch on.
if [ -f "$work/forward" ]; then
  mkdir -p ${RECORDS_ROOT}
  if exec 9> ${RECORDS_LOCK} && flock -w 30 9; then
    ns=$(stat -L -c %i /proc/self/ns/net); boot=$(cat /proc/sys/kernel/random/boot_id)
    while read -r key tag previous name; do
      d="${RECORDS_ROOT}/ns-$ns-$boot/$key"; ran=$((ran + 1))
      if ! mkdir -p "$d"; then could_not "record owner $tag of $key"; continue; fi
      set -- "$d"/previous.*
      if [ ! -e "$1" ]; then : > "$d/previous.$previous"; fi
      if [ ! -e "$d/owner.$tag" ]; then printf '%s\n' "$name" > "$d/.owner.$tag" && mv -f "$d/.owner.$tag" "$d/owner.$tag"; fi
      if [ "$(sysctl -n "$key")" != 1 ]; then sysctl -w "$key=1" > /dev/null || could_not "turn $key on"; fi
    done < "$work/forward"
    exec 9>&-
  else
    could_not "take the lock ${RECORDS_LOCK}"
  fi
fi
# iptables: each rule checked by its exact spec; the missing ones appended in one transaction.
for family in 4 6; do
  f="$work/rule$family"
  [ -f "$f" ] || continue
  bin=iptables; if [ "$family" = 6 ]; then bin=ip6tables; fi
  set -f
  while read -r table chain spec; do
    ran=$((ran + 1))
    if ! $bin -w 30 -t "$table" -C "$chain" $spec 2> /dev/null; then printf '%s\n' "-A $chain $spec" >> "$work/add$family.$table"; fi
  done < "$f"
  set +f
  input="$work/restore$family"; : > "$input"
  for t in raw mangle nat filter; do
    if [ -f "$work/add$family.$t" ]; then { echo "*$t"; cat "$work/add$family.$t"; echo COMMIT; } >> "$input"; fi
  done
  if [ ! -s "$input" ] || $bin-restore -w 30 --noflush < "$input" 2> "$work/err"; then continue; fi
  # The transaction was refused: rule by rule, so what can be made is made.
  set -f
  for t in raw mangle nat filter; do
    [ -f "$work/add$family.$t" ] || continue
    while read -r rule; do
      $bin -w 30 -t "$t" $rule 2> "$work/err" || could_not "$bin -t $t $rule: $(cat "$work/err")"
    done < "$work/add$family.$t"
  done
  set +f
done
# nftables: the table and chains (adding ones that exist changes nothing), then each rule whose
# owner comment is not there yet, in one transaction.
if [ -f "$work/nftrule" ]; then
  listing=$(nft list ruleset 2>&1); added=
  if [ -f "$work/nftbase" ]; then cat "$work/nftbase" > "$work/nft"; else : > "$work/nft"; fi
  while read -r owner digest rule; do
    ran=$((ran + 1))
    case "$listing" in *"$owner $digest"*) ;; *) printf '%s\n' "$rule" >> "$work/nft"; added=1;; esac
  done < "$work/nftrule"
  if [ -n "$added" ] && ! nft -f "$work/nft" 2> "$work/err"; then could_not "nft -f (the nftables rules): $(cat "$work/err")"; fi
fi
say "$entries entries, $there left as found (their objects exist), $ran commands, $failed could not be done"
[ "$failed" -eq 0 ]
`.replaceAll("@{", "${");

/** The runner's text, as written to the machine. */
export const runnerScript = (): string => SCRIPT;
