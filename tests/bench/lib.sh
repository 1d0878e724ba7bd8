# The options run.sh and worst.sh share, parsed in one place (sourced).
#
#   bench_parse PROG ARGS...
#
# sets sizes, runs, normdiff, seed, tmo and dir from --sizes, --runs,
# --normdiff, --seed, --timeout and --dir (each also as --OPT=VALUE) over
# the defaults the caller set before, checks --runs and --timeout, and
# makes dir (default build/bench, or $TMPDIR/normdiff-bench when there is
# no writable build/). An argument it does not know goes to the caller's
# bench_option ARGS..., which returns 0 having set bench_shift to the
# number of arguments it took, or 1; -h, --help and an unknown argument
# call the caller's usage. $root is the top of the repository.

bench_parse() {
	local prog=$1
	shift
	while [ $# -gt 0 ]; do
		case $1 in
		--sizes) sizes=${2:?}; shift 2 ;;
		--sizes=*) sizes=${1#*=}; shift ;;
		--runs) runs=${2:?}; shift 2 ;;
		--runs=*) runs=${1#*=}; shift ;;
		--normdiff) normdiff=${2:?}; shift 2 ;;
		--normdiff=*) normdiff=${1#*=}; shift ;;
		--seed) seed=${2:?}; shift 2 ;;
		--seed=*) seed=${1#*=}; shift ;;
		--timeout) tmo=${2:?}; shift 2 ;;
		--timeout=*) tmo=${1#*=}; shift ;;
		--dir) dir=${2:?}; shift 2 ;;
		--dir=*) dir=${1#*=}; shift ;;
		-h|--help) usage ;;
		*)
			if declare -F bench_option >/dev/null && bench_option "$@"; then
				shift "$bench_shift"
			else
				echo "$prog: unknown argument '$1'" >&2
				usage
			fi ;;
		esac
	done
	case $runs in ''|*[!0-9]*|0) echo "$prog: --runs needs a number above 0" >&2; exit 2 ;; esac
	case $tmo in ''|*[!0-9]*|0) echo "$prog: --timeout needs seconds above 0" >&2; exit 2 ;; esac
	if [ -z "$dir" ]; then
		if [ -d "$root/build" ] && [ -w "$root/build" ]; then
			dir=$root/build/bench
		else
			dir=${TMPDIR:-/tmp}/normdiff-bench
		fi
	fi
	mkdir -p "$dir" || exit 2
}
