package org.scoresim.model;

import java.util.Collection;

/** The known word closest to a misspelt one ("coverge" to "coverage"), by edit distance. */
final class Suggestion {
    private static final int MAX_LENGTH = 64;

    private Suggestion() {}

    /** The closest word, or null when none is close enough to be a likely typo. */
    static String closest(String word, Collection<String> known) {
        // beyond a thousand candidates a suggestion costs more than it helps
        if (word.length() > MAX_LENGTH || known.size() > 1000) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            if (k.length() > MAX_LENGTH) {
                continue;
            }
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // a typo changes a few characters; beyond that the suggestion would only confuse
        int allowed = Math.max(2, Math.min(word.length(), best == null ? 0 : best.length()) / 3);
        return best != null && bestDistance <= allowed && bestDistance < word.length() ? best : null;
    }

    /** Levenshtein distance with transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
