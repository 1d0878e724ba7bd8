# add says which series a version joined (and that draft.txt is the
# default); log shows a SERIES column only when the store holds more than
# one; the same text twice in a series is refused unless --force; a
# metadata file or a directory given as the draft is said to be one.
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label 2011 --date 2011-09-14
run normdiff log
run normdiff log --labels
# the same text again, under another label: refused, then --force
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label again --date 2011-09-15
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label again --date 2011-09-15 --force
# the same text in another series is not the same version
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label other-2011 --series other.txt --date 2011-09-16
run normdiff add "$DATA/series/v1.txt" --label s1 --series code/conduct.txt --date 2012-01-01
run normdiff log
run normdiff log --series other.txt
run normdiff log --labels
run normdiff log --labels --series draft.txt
# what cannot be a draft: said before anything else (even a missing label)
run normdiff add "$DRAFTS/2011-A-66-359.meta"
run normdiff add "$DRAFTS/2011-A-66-359.meta" --label x
run normdiff add "$DRAFTS"
run normdiff add "$DRAFTS" --label x
run normdiff log --labels extra
