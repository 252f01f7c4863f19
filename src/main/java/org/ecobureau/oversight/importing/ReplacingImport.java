package org.ecobureau.oversight.importing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes an imported table so that it replaces what was there: new rows are inserted, changed
 * rows updated, identical rows left alone (so a re-import changes nothing) and rows missing
 * from the file retired. Callers run it inside the import's transaction.
 */
public final class ReplacingImport {

  /** Fingerprint value a store reports for a retired row. */
  public static final String RETIRED = "retired";

  /** What an import did, counted in rows. */
  public record Result(int total, int created, int updated, int unchanged, int retired) {}

  /** Where the rows live. */
  public interface Store<T> {
    /** Fingerprint by key of every row, {@link #RETIRED} for retired ones. */
    Map<String, String> fingerprints();

    void insert(T row);

    void update(T row);

    void retire(String key);
  }

  private ReplacingImport() {}

  public static <T> Result apply(List<T> rows, Function<T, String> key, Function<T, String> fingerprint, Store<T> store) {
    Map<String, String> existing = store.fingerprints();
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    Set<String> keys = new HashSet<>();
    for (T row : rows) {
      String k = key.apply(row);
      keys.add(k);
      String old = existing.get(k);
      if (old == null) {
        store.insert(row);
        created++;
      } else if (old.equals(fingerprint.apply(row))) {
        unchanged++;
      } else {
        store.update(row);
        updated++;
      }
    }
    int retired = 0;
    for (var e : existing.entrySet()) {
      if (!keys.contains(e.getKey()) && !RETIRED.equals(e.getValue())) {
        store.retire(e.getKey());
        retired++;
      }
    }
    return new Result(rows.size(), created, updated, unchanged, retired);
  }
}
