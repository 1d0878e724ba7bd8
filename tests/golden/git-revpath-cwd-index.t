# :PATH read from the index in a subdirectory: PATH is from the top of the
# repository, as for REV:PATH, and a PATH that is missing from the top but
# present in the current directory gets the same hint, ':./PATH' (with the
# stage when one was given).
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
mkdir -p sub/deep
printf 'Deep\n\n1. Only in sub/deep/.\n' >sub/deep/s.txt
git add . && commit -m first
cd sub
run normdiff outline HEAD:deep/s.txt
run normdiff outline :deep/s.txt
run normdiff outline :0:deep/s.txt
run normdiff outline :./deep/s.txt
# no hint when the current directory does not hold it either
run normdiff outline :deep/none.txt
