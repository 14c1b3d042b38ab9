#!/usr/bin/env bash
# Times hoplint (release) against the servers' own checks and crossplane on
# generated trees of 1,000 and 10,000 sites, and prints a Markdown table.
#
#   bash benches/compare.sh [SITES...]          (default: 1000 10000)
#
# The trees come from the shared generator, `$HOPLINT_GEN` (default
# ../shared/bench/gen_corpus.py); without it the script says so and stops.
# Tools that are not installed (nginx, php-fpm8.2, apache2, crossplane) are
# skipped. `nginx -t` binds every `listen`, so it runs in an empty network
# namespace (`unshare --net`). Times are wall-clock seconds, the best of
# `$RUNS` (default 3) runs; on a loaded machine compare the CPU columns.
set -euo pipefail
cd "$(dirname "$0")/.."
GEN=${HOPLINT_GEN:-../shared/bench/gen_corpus.py}
RUNS=${RUNS:-3}
WORK=${HOPLINT_BENCH_DIR:-$(mktemp -d)}
SITES=("${@:-1000 10000}")
[ $# -eq 0 ] && SITES=(1000 10000)
if [ ! -f "$GEN" ]; then
    echo "benches/compare.sh: the generator $GEN is absent (set HOPLINT_GEN); nothing measured"
    exit 0
fi
cargo build --release -q
H=$PWD/target/release/hoplint
have() { command -v "$1" >/dev/null 2>&1; }

# best wall and CPU (user+sys) seconds of RUNS runs of "$@", output discarded
best() {
    local bw="" bc=""
    for _ in $(seq "$RUNS"); do
        local out tf
        tf=$(mktemp)
        /usr/bin/time -o "$tf" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
        out=$(tail -1 "$tf")
        rm -f "$tf"
        local w c
        w=$(echo "$out" | awk '{print $1}')
        c=$(echo "$out" | awk '{printf "%.2f", $2+$3}')
        if [ -z "$bw" ] || awk "BEGIN{exit !($w < $bw)}"; then bw=$w; fi
        if [ -z "$bc" ] || awk "BEGIN{exit !($c < $bc)}"; then bc=$c; fi
    done
    echo "$bw $bc"
}

declare -A T
for n in "${SITES[@]}"; do
    etc=$WORK/etc$n pre=$WORK/pre$n one=$WORK/single$n
    [ -d "$etc" ] || python3 "$GEN" --sites "$n" --out "$etc" --apache --layout etc >/dev/null
    [ -d "$pre" ] || python3 "$GEN" --sites "$n" --out "$pre" --apache --layout prefix >/dev/null
    [ -d "$one" ] || python3 "$GEN" --sites "$n" --out "$one" --mode single >/dev/null
    T[whole,$n]=$(best "$H" check --format json --exit-zero --root "$etc" "$etc")
    T[nginx,$n]=$(best "$H" check --format json --exit-zero "$pre/etc/nginx/nginx.conf")
    T[apache,$n]=$(best "$H" check --format json --exit-zero "$pre/etc/apache2/apache2.conf")
    T[fpm,$n]=$(best "$H" check --format json --exit-zero --root "$etc" "$etc/etc/php")
    T[single,$n]=$(best "$H" check --format json --exit-zero "$one/nginx.conf")
    T[cat,$n]=$(best sh -c "find '$etc' -type f -print0 | xargs -0 cat")
    T[catone,$n]=$(best cat "$one/nginx.conf")
    T[bytes,$n]=$(du -sb "$etc" | cut -f1)
    T[onebytes,$n]=$(stat -c %s "$one/nginx.conf")
    if have nginx && have unshare; then
        T[ngx,$n]=$(RUNS=1 best unshare --net nginx -t -q -p "$pre/" -c "$pre/etc/nginx/nginx.conf")
        T[ngxone,$n]=$(RUNS=1 best unshare --net nginx -t -q -p "$one/" -c "$one/nginx.conf")
    fi
    if have php-fpm8.2; then
        T[fpmt,$n]=$(RUNS=1 best php-fpm8.2 -t -p "$pre/" -y "$pre/etc/php/8.2/fpm/php-fpm.conf")
    fi
    if have apache2; then
        T[apt,$n]=$(RUNS=1 best apache2 -t -d "$pre/etc/apache2" -f "$pre/etc/apache2/apache2.conf")
    fi
    if have crossplane; then
        T[xp,$n]=$(RUNS=1 best crossplane parse "$pre/etc/nginx/nginx.conf")
    fi
done

w() { echo "${T[$1]:-}" | awk '{print $1}'; }
c() { echo "${T[$1]:-}" | awk '{print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "" || b == "" || b == 0) print "–"; else printf "%.1f×", a / b }'; }
cell() { [ -n "${T[$1]:-}" ] && echo "$(w "$1") s ($(c "$1") CPU)" || echo "not installed"; }

echo
echo "| work | $(for n in "${SITES[@]}"; do printf '%s sites | ' "$n"; done)"
echo "|---|$(for _ in "${SITES[@]}"; do printf -- '---:|'; done)"
row() { printf '| %s |' "$1"; shift; for n in "${SITES[@]}"; do printf ' %s |' "$("$@" "$n")"; done; echo; }
r_whole() { cell "whole,$1"; }
r_servers() {
    local s
    s=$(awk -v a="$(w "ngx,$1")" -v b="$(w "fpmt,$1")" -v c="$(w "apt,$1")" 'BEGIN{print a+b+c}')
    echo "$s s; hoplint $(ratio "$s" "$(w "whole,$1")") faster"
}
r_cat() { echo "$(w "cat,$1") s; hoplint = $(ratio "$(w "whole,$1")" "$(w "cat,$1")") cat"; }
r_mb() { awk -v b="${T[bytes,$1]}" -v t="$(w "whole,$1")" 'BEGIN{printf "%.0f MB, %.0f MB/s", b/1e6, b/1e6/t}'; }
r_nginx() { echo "$(cell "nginx,$1"); nginx -t $(w "ngx,$1") s, crossplane $(w "xp,$1") s"; }
r_apache() { echo "$(cell "apache,$1"); apache2 -t $(w "apt,$1") s"; }
r_fpm() { echo "$(cell "fpm,$1"); php-fpm8.2 -t $(w "fpmt,$1") s"; }
r_single() { echo "$(cell "single,$1"); $(awk -v b="${T[onebytes,$1]}" -v t="$(w "single,$1")" 'BEGIN{printf "%.0f MB/s", b/1e6/t}'); nginx -t $(w "ngxone,$1") s; cat $(w "catone,$1") s"; }
row "whole tree, \`--layout etc\`" r_whole
row "size, throughput" r_mb
row "nginx -t + php-fpm8.2 -t + apache2 -t" r_servers
row "cat of every file" r_cat
row "nginx tree only" r_nginx
row "Apache tree only" r_apache
row "php-fpm tree only" r_fpm
row "one nginx.conf (\`--mode single\`)" r_single
if [ "${#SITES[@]}" -ge 2 ]; then
    a=${SITES[0]} b=${SITES[-1]}
    echo
    printf 'Growth %s → %s sites (size ratio %s): ' "$a" "$b" "$(ratio "$b" "$a")"
    for k in whole nginx apache fpm single; do
        printf '%s %s (CPU %s); ' "$k" "$(ratio "$(w "$k,$b")" "$(w "$k,$a")")" "$(ratio "$(c "$k,$b")" "$(c "$k,$a")")"
    done
    echo
fi
