# The 2011 code of conduct as a tree: title, resolution opening, PP1-PP8,
# OP1 "Adopts...", two sections, the chapeau and items (a)-(k).
run normdiff outline "$DRAFTS/2011-A-66-359.txt"
