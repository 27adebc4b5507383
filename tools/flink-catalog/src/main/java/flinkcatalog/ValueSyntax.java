package flinkcatalog;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The vocabulary of Flink's value parsers in one version, read from its classes: the unit labels
 * TimeUtils.parseDuration knows (with nanoseconds per unit), MemorySize's units (with bytes per
 * unit), and two behaviours probed by calling the parser: ISO-8601 durations ("PT1S") and
 * duration amounts beyond a Java long.
 */
final class ValueSyntax {
  private ValueSyntax() {}

  static String toJson(ClassLoader lib) throws ReflectiveOperationException {
    Map<String, Long> duration = new TreeMap<>();
    Class<?> timeUnit = Class.forName("org.apache.flink.util.TimeUtils$TimeUnit", true, lib);
    Method labels = accessible(timeUnit.getMethod("getLabels"));
    Method unit = accessible(timeUnit.getMethod("getUnit"));
    for (Object u : timeUnit.getEnumConstants()) {
      long nanos = ((ChronoUnit) unit.invoke(u)).getDuration().toNanos();
      for (Object label : (List<?>) labels.invoke(u)) duration.put((String) label, nanos);
    }
    Map<String, Long> memory = new TreeMap<>();
    Class<?> memoryUnit = Class.forName("org.apache.flink.configuration.MemorySize$MemoryUnit", true, lib);
    Method units = memoryUnit.getMethod("getUnits");
    Method multiplier = memoryUnit.getMethod("getMultiplier");
    for (Object u : memoryUnit.getEnumConstants()) {
      for (String label : (String[]) units.invoke(u)) memory.put(label, (Long) multiplier.invoke(u));
    }
    Method parse = Class.forName("org.apache.flink.util.TimeUtils", true, lib).getMethod("parseDuration", String.class);
    return "{\"durationUnits\":" + numbers(duration)
        + ",\"memoryUnits\":" + numbers(memory)
        + ",\"isoDurations\":" + accepts(parse, "PT1S")
        + ",\"durationAmountBeyondLong\":" + accepts(parse, "9223372036854775808 ns") + "}";
  }

  private static Method accessible(Method m) {
    m.setAccessible(true);
    return m;
  }

  private static boolean accepts(Method parse, String input) throws IllegalAccessException {
    try {
      parse.invoke(null, input);
      return true;
    } catch (InvocationTargetException e) {
      return false;
    }
  }

  private static String numbers(Map<String, Long> m) {
    StringJoiner j = new StringJoiner(",", "{", "}");
    m.forEach((k, v) -> j.add(Json.str(k) + ":" + v));
    return j.toString();
  }
}
