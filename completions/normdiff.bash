# bash completion for normdiff: commands, each command's options and their
# values, and the labels of the store (`normdiff log --labels`) where a
# version is asked for. Installed as
# DATADIR/bash-completion/completions/normdiff; or source it from ~/.bashrc.

_normdiff_commands="diff tui history synopsis outline init add log show grammar help"

# The long options of command $1, as its --help lists them (and a few
# spellings it does not).
_normdiff_options()
{
	case $1 in
	diff) echo "--format= --stat --changed-only --color --color= --colour
		--ignore-case --ignore-punctuation --fail-on= --quiet --width
		--threshold --output= -o -q --help" ;;
	tui) echo "--redline --color --color= --colour --series --ignore-case
		--ignore-punctuation --threshold --dump --keys --styles --help" ;;
	history) echo "--series --provision --format= --color --color= --colour
		--width --output= -o --ignore-case --ignore-punctuation --threshold
		--help" ;;
	synopsis) echo "--series --baseline --format= --output= -o --color
		--color= --colour --width --ignore-case --ignore-punctuation
		--threshold --help" ;;
	outline) echo "--format= --width --output= -o --help" ;;
	add) echo "--meta --label --series --date --symbol --title --sponsors
		--source --message -m --force --help" ;;
	log) echo "--series --labels --help" ;;
	show) echo "--raw --help" ;;
	init | grammar) echo "--help" ;;
	*) echo "--store --grammar --no-pager --timings --jobs --help --version" ;;
	esac
}

# The formats of command $1.
_normdiff_formats()
{
	case $1 in
	synopsis) echo "text markdown csv json html" ;;
	outline) echo "text json" ;;
	*) echo "text markdown json html" ;;
	esac
}

# The store's labels; $1 is the --store given on the line, if any.
_normdiff_labels()
{
	if [ -n "$1" ]; then
		command normdiff --store "$1" log --labels 2>/dev/null
	else
		command normdiff log --labels 2>/dev/null
	fi
}

_normdiff()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= store= eq= i w v
	local IFS=$' \t\n'
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# bash splits "--format=js" at the = (COMP_WORDBREAKS): join it again
	if [ "$cur" = = ]; then
		cur= eq=1
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -gt 1 ]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]} eq=1
	fi
	COMPREPLY=()
	# the command: the first word that is not an option or an option's
	# value; --store's value is kept for the labels
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--store | --grammar | --jobs)
			if [ "${COMP_WORDS[i + 1]}" = = ]; then
				v=${COMP_WORDS[i + 2]} i=$((i + 2))
			else
				v=${COMP_WORDS[i + 1]} i=$((i + 1))
			fi
			[ "$w" = --store ] && [ "$i" -lt "$COMP_CWORD" ] && store=$v ;;
		--store=*) store=${w#--store=} ;;
		=) i=$((i + 1)) ;;
		-*) ;;
		*) [ -z "$cmd" ] && cmd=$w ;;
		esac
	done
	# values of options
	case $prev in
	--store) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--grammar | -o | --output | --meta) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W "$(_normdiff_formats "$cmd")" -- "$cur")); return ;;
	--baseline) COMPREPLY=($(compgen -W "$(_normdiff_labels "$store")" -- "$cur")); return ;;
	--color | --colour)
		[ -n "$eq" ] && { COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return; } ;;
	--fail-on)
		COMPREPLY=($(compgen -W "modified added removed split merged moved renumbered unchanged" -- "$cur"))
		return ;;
	--label | --date | --symbol | --title | --sponsors | --source | --message | -m | \
	--width | --threshold | --provision | --dump | --keys | --series | --jobs)
		return ;;
	esac
	case $cur in
	--format=*)
		COMPREPLY=($(compgen -P --format= -W "$(_normdiff_formats "$cmd")" -- "${cur#--format=}"))
		return ;;
	--color=* | --colour=*)
		COMPREPLY=($(compgen -P "${cur%%=*}=" -W "auto always never" -- "${cur#*=}"))
		return ;;
	--fail-on=*)
		COMPREPLY=($(compgen -P --fail-on= -W "modified added removed split merged moved renumbered unchanged" -- "${cur#--fail-on=}"))
		return ;;
	--store=*)
		COMPREPLY=($(compgen -P --store= -d -- "${cur#--store=}"))
		return ;;
	-*)
		COMPREPLY=($(compgen -W "$(_normdiff_options "$cmd")" -- "$cur"))
		[ -n "$cmd" ] && COMPREPLY+=($(compgen -W "--store --grammar --no-pager --timings --jobs" -- "$cur"))
		# an option that ends in = takes its value in the same word
		[ "${#COMPREPLY[@]}" = 1 ] && [ "${COMPREPLY[0]%=}" != "${COMPREPLY[0]}" ] &&
			compopt -o nospace 2>/dev/null
		return ;;
	esac
	case $cmd in
	"") COMPREPLY=($(compgen -W "$_normdiff_commands" -- "$cur")) ;;
	help) COMPREPLY=($(compgen -W "$_normdiff_commands" -- "$cur")) ;;
	diff | tui | history | synopsis | outline)
		COMPREPLY=($(compgen -W "$(_normdiff_labels "$store")" -- "$cur") $(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null ;;
	show) COMPREPLY=($(compgen -W "$(_normdiff_labels "$store")" -- "$cur")) ;;
	add) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
	esac
}
complete -F _normdiff normdiff
