package flinkcatalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** A value Flink parsed, written so that another parser's result can be compared with it. */
final class ParsedValue {
  private ParsedValue() {}

  /**
   * Durations as whole nanoseconds, MemorySize as bytes ({@code getBytes()}), lists as
   * {@code [a|b]}, maps sorted as {@code {k=v|k2=v2}}, everything else as toString.
   */
  static String render(Object v) throws ReflectiveOperationException {
    if (v instanceof Duration) {
      Duration d = (Duration) v;
      return java.math.BigInteger.valueOf(d.getSeconds()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
          .add(java.math.BigInteger.valueOf(d.getNano())).toString() + "ns";
    }
    if (v.getClass().getName().equals("org.apache.flink.configuration.MemorySize")) {
      return v.getClass().getMethod("getBytes").invoke(v) + "b";
    }
    if (v instanceof List) {
      StringJoiner j = new StringJoiner("|", "[", "]");
      for (Object o : (List<?>) v) j.add(render(o));
      return j.toString();
    }
    if (v instanceof Map) {
      StringJoiner j = new StringJoiner("|", "{", "}");
      for (Map.Entry<?, ?> e : new TreeMap<>((Map<?, ?>) v).entrySet()) j.add(e.getKey() + "=" + e.getValue());
      return j.toString();
    }
    return v.toString();
  }
}
