package flinkcatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** One ConfigOption as the catalog records it. */
final class OptionRecord {
  /** The key users write; for a suffix option, the documented prefix plus the option's own key. */
  String key;
  /** The option's own key when it is a suffix option ({@code factory.class}), else null. */
  String suffixKey;
  String type;
  List<String> values = List.of();
  String defaultValue;
  String documentedDefault;
  List<String> fallbackKeys = new ArrayList<>();
  List<String> deprecatedKeys = new ArrayList<>();
  boolean deprecated;
  boolean excluded;
  List<String> sections = List.of();
  String declaringClass;
  /** The public static method that made this option from {@code <paramN>} arguments, if any. */
  String factoryMethod;
  String origin;
  /** Identifiers of the table factories (connectors, formats, catalogs) that declare this key. */
  final TreeSet<String> tableFactories = new TreeSet<>();
  /** Other classes that declare the same key with the same type, default and keys. */
  final TreeSet<String> alsoDeclaredIn = new TreeSet<>();

  /** Two declarations are the same option when everything but the place they live in agrees. */
  boolean sameOption(OptionRecord o) {
    return key.equals(o.key) && type.equals(o.type) && values.equals(o.values)
        && java.util.Objects.equals(defaultValue, o.defaultValue)
        && fallbackKeys.equals(o.fallbackKeys) && deprecatedKeys.equals(o.deprecatedKeys);
  }

  /** Orders declarations so the documented, non-deprecated one in the lowest-sorting class wins. */
  static int preference(OptionRecord a, OptionRecord b) {
    int c = Boolean.compare(a.excluded || a.deprecated, b.excluded || b.deprecated);
    if (c != 0) return c;
    c = a.declaringClass.compareTo(b.declaringClass);
    return c != 0 ? c : a.origin.compareTo(b.origin);
  }

  String toJson() {
    StringBuilder b = new StringBuilder("{\"type\":").append(Json.str(type));
    if (!values.isEmpty()) b.append(",\"values\":").append(Json.strings(values));
    if (defaultValue != null) b.append(",\"default\":").append(Json.str(defaultValue));
    if (documentedDefault != null) b.append(",\"documentedDefault\":").append(Json.str(documentedDefault));
    if (!fallbackKeys.isEmpty()) b.append(",\"fallbackKeys\":").append(Json.strings(fallbackKeys));
    if (!deprecatedKeys.isEmpty()) b.append(",\"deprecatedKeys\":").append(Json.strings(deprecatedKeys));
    if (deprecated) b.append(",\"deprecated\":true");
    if (excluded) b.append(",\"excludedFromDocs\":true");
    if (suffixKey != null) b.append(",\"suffixKey\":").append(Json.str(suffixKey));
    if (!sections.isEmpty()) b.append(",\"sections\":").append(Json.strings(sections));
    if (!tableFactories.isEmpty()) b.append(",\"tableFactories\":").append(Json.strings(tableFactories));
    b.append(",\"class\":").append(Json.str(declaringClass));
    if (factoryMethod != null) b.append(",\"factoryMethod\":").append(Json.str(factoryMethod));
    if (!alsoDeclaredIn.isEmpty()) b.append(",\"alsoIn\":").append(Json.strings(alsoDeclaredIn));
    b.append(",\"origin\":").append(Json.str(origin));
    return b.append('}').toString();
  }
}
