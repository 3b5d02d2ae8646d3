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
FNR == 1 { file++ }
{
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
