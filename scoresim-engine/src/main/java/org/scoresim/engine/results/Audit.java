package org.scoresim.engine.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit outputs of docs/MODEL.md section 7, per sanction and attribute: the rate
 * sanctioned / population per value, the disparate-impact ratio (lowest rate / highest rate;
 * below 0.8 fails the four-fifths rule), and the wrongful share (wrongful / sanctioned) per value.
 * Rates are ratios of raw counts, so sampling scale cancels.
 */
public final class Audit {
    public static final double FOUR_FIFTHS = 0.8;

    private Audit() {}

    public static Map<String, Object> of(Results r, int y) {
        Map<String, Object> bySanction = new LinkedHashMap<>();
        for (String s : r.sanctions()) {
            Map<String, Object> byAttribute = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> a : r.attributes().entrySet()) {
                Map<String, Object> rates = new LinkedHashMap<>();
                Map<String, Object> wrongful = new LinkedHashMap<>();
                double lo = Double.POSITIVE_INFINITY;
                double hi = 0;
                for (String v : a.getValue()) {
                    long pop = r.raw(y, a.getKey(), v, "population", "");
                    long sanctioned = r.raw(y, a.getKey(), v, "sanctioned", s);
                    long wrong = r.raw(y, a.getKey(), v, "wrongful", s);
                    if (pop == 0) {
                        rates.put(v, null);
                        wrongful.put(v, null);
                        continue;
                    }
                    double rate = (double) sanctioned / pop;
                    lo = Math.min(lo, rate);
                    hi = Math.max(hi, rate);
                    rates.put(v, rate);
                    wrongful.put(v, sanctioned == 0 ? null : (double) wrong / sanctioned);
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("rates", rates);
                Double ratio = hi > 0 ? lo / hi : null;
                entry.put("disparate_impact", ratio);
                entry.put("four_fifths_fails", ratio != null && ratio < FOUR_FIFTHS);
                entry.put("wrongful_share", wrongful);
                byAttribute.put(a.getKey(), entry);
            }
            bySanction.put(s, byAttribute);
        }
        return bySanction;
    }
}
