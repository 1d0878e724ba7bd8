# A tall terminal with a long outline: every row on screen is drawn and the
# selected provision still shows beside them (100 rows of 90 provisions).
{ echo 'Code of conduct'; for i in $(seq 90); do printf '\n%d. Each State shall cooperate on matter %d;\n' "$i" "$i"; done; } >old.txt
sed 's/^5\. Each State shall cooperate/5. Each State shall work together/' old.txt >new.txt
NO_COLOR=1 run normdiff tui old.txt new.txt --dump 100x100 --keys n
