package dev.poker.load.gen;

/**
 * How long a simulated player thinks before answering {@code your_turn}: uniform in
 * [{@code minMillis}, {@code maxMillis}]; {@code 0} answers at once.
 */
record ThinkTime(long minMillis, long maxMillis) {
    ThinkTime {
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("think time needs 0 <= MIN <= MAX");
        }
    }

    static final ThinkTime NONE = new ThinkTime(0, 0);

    /** {@code MS}, {@code MIN-MAX} (milliseconds), or with units: {@code 2s-4s}, {@code 500ms}. */
    static ThinkTime parse(String text) {
        String t = text.trim();
        int dash = t.indexOf('-', 1);
        try {
            if (dash < 0) {
                long v = LoadOptions.parseMillis(t, "ms");
                return new ThinkTime(v, v);
            }
            return new ThinkTime(LoadOptions.parseMillis(t.substring(0, dash), "ms"),
                    LoadOptions.parseMillis(t.substring(dash + 1), "ms"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--think needs MS or MIN-MAX (e.g. 2000-4000 or 2s-4s), not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return maxMillis == 0 ? "none" : minMillis == maxMillis ? minMillis + " ms" : minMillis + "-" + maxMillis + " ms";
    }
}
