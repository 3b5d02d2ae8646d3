# Words of the reference (file 1) recovered, in order, by OCR (file 2):
# longest common subsequence of normalised words / reference words.
# Prints "recovered total percent".
function norm(w) {
    w = tolower(w)
    # alternations, not bracket lists: awk may see UTF-8 as single bytes
    gsub(/“|”|„|«|»/, "\"", w); gsub(/‘|’|‚/, "'", w); gsub(/–|—/, "-", w)
    gsub(/^[^a-z0-9]+|[^a-z0-9]+$/, "", w)
    return w
}
# A word hyphenated at a line end (soft hyphens drawn by the layout) is
# joined with the start of the next line before comparing.
FNR == 1 { file++; carry = "" }
{
    if (file == 2 && carry != "" && NF > 0) { $1 = carry $1; carry = "" }
    if (file == 2 && NF > 0 && $NF ~ /[a-z]-$/) {
        carry = substr($NF, 1, length($NF) - 1)
        NF--
    }
    for (i = 1; i <= NF; i++) {
        w = norm($i)
        if (w == "") continue
        if (file == 1) ref[++n] = w; else ocr[++m] = w
    }
}
END {
    for (j = 0; j <= m; j++) prev[j] = 0
    for (i = 1; i <= n; i++) {
        cur[0] = 0
        for (j = 1; j <= m; j++) {
            if (ref[i] == ocr[j]) cur[j] = prev[j - 1] + 1
            else cur[j] = (prev[j] > cur[j - 1]) ? prev[j] : cur[j - 1]
        }
        for (j = 0; j <= m; j++) prev[j] = cur[j]
    }
    printf "%d %d %.2f\n", prev[m], n, n ? 100 * prev[m] / n : 0
}
