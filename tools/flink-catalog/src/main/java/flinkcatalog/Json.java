package flinkcatalog;

import java.util.Collection;
import java.util.StringJoiner;

/** The little JSON writing the tool needs: strings and arrays of strings. */
final class Json {
  private Json() {}

  static String str(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        default:
          if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String strings(Collection<String> items) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    for (String s : items) j.add(str(s));
    return j.toString();
  }
}
