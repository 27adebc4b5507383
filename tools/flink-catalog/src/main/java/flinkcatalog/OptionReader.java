package flinkcatalog;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
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
        if (option != null) records.add(record(f, option, jar, classDeprecated));
      } catch (Throwable t) {
        failed.put(className, describe(t));
        return;
      }
    }
  }

  private OptionRecord record(Field f, Object option, Distribution.Jar jar, boolean classDeprecated)
      throws ReflectiveOperationException {
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
    r.declaringClass = f.getDeclaringClass().getName();
    r.origin = jar.origin;
    return r;
  }

  /** Flink's Documentation.* annotations on a field, by simple name. */
  private static Map<String, Annotation> docsAnnotations(Field f) {
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
