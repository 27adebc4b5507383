package flinkcatalog;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the public static ConfigOption fields of classes, as Flink's docs generator reads its
 * options classes, but from every class that has one. Classes that cannot be loaded or
 * initialised are recorded with the reason and skipped.
 */
final class OptionReader {
  private static final String DOCS = "org.apache.flink.annotation.docs.Documentation$";

  private final FlinkReflection flink;
  final List<OptionRecord> records = new ArrayList<>();
  /** Key prefix constants (such as {@code containerized.master.env.}) -> the fields that hold them. */
  final Map<String, java.util.TreeSet<String>> prefixes = new TreeMap<>();
  /** Class name -> why it could not be read. */
  final Map<String, String> failed = new TreeMap<>();

  OptionReader(FlinkReflection flink) {
    this.flink = flink;
  }

  void read(Distribution.Jar jar, String className) {
    Class<?> c;
    Field[] fields;
    try {
      c = Class.forName(className, false, jar.loader);
      fields = c.getDeclaredFields();
    } catch (Throwable t) {
      failed.put(className, describe(t));
      return;
    }
    Arrays.sort(fields, (a, b) -> a.getName().compareTo(b.getName()));
    boolean classDeprecated = c.isAnnotationPresent(Deprecated.class);
    for (Field f : fields) {
      int m = f.getModifiers();
      if (!Modifier.isStatic(m) || !Modifier.isPublic(m)) continue;
      if (!f.getType().getName().equals(FlinkReflection.CONFIG_OPTION)) continue;
      try {
        f.setAccessible(true);
        Object option = f.get(null);
        if (option != null) records.add(record(f, f.getDeclaringClass(), option, jar, classDeprecated));
      } catch (Throwable t) {
        failed.put(className, describe(t));
        return;
      }
    }
    readFactoryMethods(c, jar, classDeprecated);
    readPrefixConstants(c, fields);
  }

  /**
   * Options made by public static methods from string arguments, such as
   * {@code CoreOptions.fileSystemConnectionLimit(scheme)}: called with {@code <param1>}, ...
   * so the key shows where the argument goes ({@code fs.<param1>.limit.total}).
   */
  private void readFactoryMethods(Class<?> c, Distribution.Jar jar, boolean classDeprecated) {
    Method[] methods;
    try {
      methods = c.getDeclaredMethods();
    } catch (Throwable t) {
      return;
    }
    Arrays.sort(methods, (a, b) -> a.toString().compareTo(b.toString()));
    for (Method m : methods) {
      int mod = m.getModifiers();
      if (!Modifier.isStatic(mod) || !Modifier.isPublic(mod) || m.getParameterCount() == 0) continue;
      if (!m.getReturnType().getName().equals(FlinkReflection.CONFIG_OPTION)) continue;
      if (!Arrays.stream(m.getParameterTypes()).allMatch(String.class::equals)) continue;
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) args[i] = "<param" + (i + 1) + ">";
      try {
        m.setAccessible(true);
        Object option = m.invoke(null, args);
        // A helper that turns any key into an option (key = its argument) names no option itself.
        if (!flink.key(option).replaceAll("<param\\d+>", "").matches("(?s).*[a-z].*")) continue;
        OptionRecord r = record(m, c, option, jar, classDeprecated);
        r.factoryMethod = m.getName();
        records.add(r);
      } catch (Throwable t) {
        failed.put(c.getName() + "#" + m.getName(), describe(t));
      }
    }
  }

  /** Public static final String constants named *PREFIX whose value is a key prefix ({@code a.b.}). */
  private void readPrefixConstants(Class<?> c, Field[] fields) {
    for (Field f : fields) {
      int m = f.getModifiers();
      if (!Modifier.isStatic(m) || !Modifier.isPublic(m) || !Modifier.isFinal(m) || f.getType() != String.class) continue;
      if (!f.getName().endsWith("PREFIX")) continue;
      try {
        f.setAccessible(true);
        Object v = f.get(null);
        if (v instanceof String && ((String) v).matches("[a-z][a-z0-9.-]*\\.")) {
          prefixes.computeIfAbsent((String) v, k -> new java.util.TreeSet<>()).add(c.getName() + "." + f.getName());
        }
      } catch (Throwable t) {
        failed.put(c.getName() + "." + f.getName(), describe(t));
      }
    }
  }

  private OptionRecord record(AnnotatedElement f, Class<?> declaring, Object option, Distribution.Jar jar,
      boolean classDeprecated) throws ReflectiveOperationException {
    OptionRecord r = new OptionRecord();
    Map<String, Annotation> docs = docsAnnotations(f);
    String key = flink.key(option);
    Annotation suffix = docs.get("SuffixOption");
    if (suffix != null) {
      r.suffixKey = key;
      key = value(suffix, "value") + "." + key;
    }
    r.key = key;
    Class<?> valueClass = flink.valueClass(option);
    r.type = FlinkReflection.typeName(valueClass, flink.isList(option));
    r.values = FlinkReflection.enumValues(valueClass);
    r.defaultValue = flink.defaultValue(option);
    Annotation override = docs.get("OverrideDefault");
    if (override != null) r.documentedDefault = (String) value(override, "value");
    flink.alternativeKeys(option, r);
    r.deprecated = classDeprecated || f.isAnnotationPresent(Deprecated.class);
    r.excluded = docs.containsKey("ExcludeFromDocumentation");
    Annotation section = docs.get("Section");
    if (section != null) r.sections = Arrays.asList((String[]) value(section, "value"));
    r.declaringClass = declaring.getName();
    r.origin = jar.origin;
    return r;
  }

  /** Flink's Documentation.* annotations on a field, by simple name. */
  private static Map<String, Annotation> docsAnnotations(AnnotatedElement f) {
    Map<String, Annotation> found = new HashMap<>();
    for (Annotation a : f.getAnnotations()) {
      String name = a.annotationType().getName();
      if (name.startsWith(DOCS)) found.put(name.substring(DOCS.length()), a);
    }
    return found;
  }

  private static Object value(Annotation a, String method) throws ReflectiveOperationException {
    var m = a.annotationType().getMethod(method);
    m.setAccessible(true);
    return m.invoke(a);
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = root.getMessage() == null ? "" : ": " + root.getMessage().split("\n")[0];
    return root.getClass().getSimpleName() + msg;
  }
}
