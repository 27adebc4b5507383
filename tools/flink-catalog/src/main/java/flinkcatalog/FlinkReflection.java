package flinkcatalog;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flink's own classes of one distribution, called by reflection (their API differs by version). */
final class FlinkReflection {
  static final String CONFIG_OPTION = "org.apache.flink.configuration.ConfigOption";

  private final Method key;
  private final Method hasDefault;
  private final Method defaultValue;
  private final Method fallbackKeys;
  private final Method clazz;
  private final Method isList;
  private final Method fallbackKey;
  private final Method fallbackDeprecated;
  private final Method convertToString;

  FlinkReflection(ClassLoader lib) throws ReflectiveOperationException {
    Class<?> option = Class.forName(CONFIG_OPTION, false, lib);
    key = option.getMethod("key");
    hasDefault = option.getMethod("hasDefaultValue");
    defaultValue = option.getMethod("defaultValue");
    fallbackKeys = option.getMethod("fallbackKeys");
    clazz = accessible(option.getDeclaredMethod("getClazz"));
    isList = accessible(option.getDeclaredMethod("isList"));
    Class<?> fallback = Class.forName("org.apache.flink.configuration.FallbackKey", false, lib);
    fallbackKey = fallback.getMethod("getKey");
    fallbackDeprecated = fallback.getMethod("isDeprecated");
    Class<?> utils = Class.forName("org.apache.flink.configuration.ConfigurationUtils", false, lib);
    convertToString = accessible(toStringMethod(utils));
  }

  /**
   * ConfigurationUtils.convertToString: {@code (Object)} in 1.18 and 2.x; {@code (Object, boolean
   * standardYaml)} in 1.19 and 1.20, called with {@code true} (the construct writes config.yaml there).
   */
  private static Method toStringMethod(Class<?> utils) throws NoSuchMethodException {
    try {
      return utils.getDeclaredMethod("convertToString", Object.class);
    } catch (NoSuchMethodException e) {
      return utils.getDeclaredMethod("convertToString", Object.class, boolean.class);
    }
  }

  private static Method accessible(Method m) {
    m.setAccessible(true);
    return m;
  }

  String key(Object option) throws ReflectiveOperationException {
    return (String) key.invoke(option);
  }

  /** The default as Flink writes it into a configuration (its ConfigurationUtils), or null. */
  String defaultValue(Object option) throws ReflectiveOperationException {
    if (!(Boolean) hasDefault.invoke(option)) return null;
    Object value = defaultValue.invoke(option);
    if (value == null) return null;
    return (String) (convertToString.getParameterCount() == 1
        ? convertToString.invoke(null, value)
        : convertToString.invoke(null, value, true));
  }

  /** The option's value class and whether it is a list of that class. */
  Class<?> valueClass(Object option) throws ReflectiveOperationException {
    return (Class<?>) clazz.invoke(option);
  }

  boolean isList(Object option) throws ReflectiveOperationException {
    return (Boolean) isList.invoke(option);
  }

  /** Fills the record's fallback and deprecated keys, in the order Flink tries them. */
  void alternativeKeys(Object option, OptionRecord into) throws ReflectiveOperationException {
    for (Object fk : (Iterable<?>) fallbackKeys.invoke(option)) {
      String k = (String) fallbackKey.invoke(fk);
      if ((Boolean) fallbackDeprecated.invoke(fk)) into.deprecatedKeys.add(k);
      else into.fallbackKeys.add(k);
    }
  }

  /** Type name as the catalog spells it, e.g. {@code Duration}, {@code Enum}, {@code List<String>}. */
  static String typeName(Class<?> c, boolean list) {
    String base = c.isEnum() ? "Enum" : Map.class.equals(c) ? "Map" : c.getSimpleName();
    return list ? "List<" + base + ">" : base;
  }

  /** An enum's constants as Flink's parser matches them (their toString, case-insensitively). */
  static List<String> enumValues(Class<?> c) {
    List<String> values = new ArrayList<>();
    if (c.isEnum()) {
      for (Object constant : c.getEnumConstants()) values.add(constant.toString());
    }
    return values;
  }
}
