package io.joysync.devnet.orion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenReader (Subsquid) list semantics Orion offers: {@code where} filters with the {@code
 * _eq/_not_eq/_in/_not_in/_gt/_gte/_lt/_lte/_contains/_containsInsensitive/_startsWith/ _isNull}
 * operators, relation filters, {@code _some/_every/_none} on lists, {@code isTypeOf_eq} on unions,
 * AND/OR; {@code orderBy} like {@code id_ASC}; {@code limit} and {@code offset}. The values of an
 * {@code _in} list are looked up in a set built once per query, as a database would use an index,
 * so a query for many ids over many rows does not compare every row with every id.
 */
final class GqlLists {
  private static final String[] OPS = {
    "_not_eq",
    "_eq",
    "_not_in",
    "_in",
    "_gte",
    "_gt",
    "_lte",
    "_lt",
    "_containsInsensitive",
    "_not_contains",
    "_contains",
    "_startsWith",
    "_endsWith",
    "_isNull",
    "_some",
    "_every",
    "_none"
  };

  private GqlLists() {}

  static List<GqlNode> query(Collection<GqlNode> all, Map<String, Object> args) {
    List<GqlNode> out = new ArrayList<>();
    Object where = args.get("where");
    Map<Object, Set<String>> inSets = new IdentityHashMap<>();
    for (GqlNode n : all) {
      if (where == null || matches(n, asMap(where), inSets)) {
        out.add(n);
      }
    }
    Object orderBy = args.get("orderBy");
    if (orderBy != null) {
      List<?> keys = orderBy instanceof List<?> l ? l : List.of(orderBy);
      Comparator<GqlNode> cmp = null;
      for (Object k : keys) {
        Comparator<GqlNode> c = order(String.valueOf(k));
        cmp = cmp == null ? c : cmp.thenComparing(c);
      }
      if (cmp != null) {
        out.sort(cmp);
      }
    }
    int offset = intArg(args.get("offset"), 0);
    int limit = intArg(args.get("limit"), Integer.MAX_VALUE);
    if (offset >= out.size()) {
      return List.of();
    }
    return out.subList(offset, (int) Math.min(out.size(), (long) offset + limit));
  }

  static int intArg(Object v, int fallback) {
    if (v == null) {
      return fallback;
    }
    if (v instanceof BigDecimal d) {
      if (d.signum() < 0) {
        throw new GraphQlException("limit and offset must not be negative");
      }
      return d.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
    }
    throw new GraphQlException("Int cannot represent non-integer value: " + v);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object v) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new GraphQlException("Expected an input object, got " + v);
  }

  private static Comparator<GqlNode> order(String key) {
    int us = key.lastIndexOf('_');
    if (us < 0) {
      throw new GraphQlException("Invalid orderBy value \"" + key + "\".");
    }
    String field = key.substring(0, us);
    String dir = key.substring(us + 1).toUpperCase(Locale.ROOT);
    Comparator<GqlNode> c = (a, b) -> compare(a.get(field), b.get(field));
    return dir.startsWith("DESC") ? c.reversed() : c;
  }

  private static boolean matches(
      GqlNode n, Map<String, Object> where, Map<Object, Set<String>> inSets) {
    for (Map.Entry<String, Object> e : where.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      if (key.equals("AND") || key.equals("OR")) {
        List<?> parts = v instanceof List<?> l ? l : List.of(v);
        boolean and = key.equals("AND");
        boolean result = and;
        for (Object p : parts) {
          boolean m = matches(n, asMap(p), inSets);
          result = and ? result && m : result || m;
        }
        if (!result) {
          return false;
        }
        continue;
      }
      if (key.equals("isTypeOf_eq")) {
        if (!n.typename().equals(String.valueOf(v))) {
          return false;
        }
        continue;
      }
      if (!condition(n, key, v, inSets)) {
        return false;
      }
    }
    return true;
  }

  private static boolean condition(
      GqlNode n, String key, Object v, Map<Object, Set<String>> inSets) {
    for (String op : OPS) {
      if (key.endsWith(op) && key.length() > op.length()) {
        return apply(n.get(key.substring(0, key.length() - op.length())), op, v, inSets);
      }
    }
    Object related = n.get(key);
    if (v == null) {
      return related == null;
    }
    return related instanceof GqlNode r && matches(r, asMap(v), inSets);
  }

  private static boolean apply(
      Object actual, String op, Object v, Map<Object, Set<String>> inSets) {
    switch (op) {
      case "_isNull":
        return (actual == null) == Boolean.TRUE.equals(v);
      case "_some":
      case "_every":
      case "_none":
        List<?> items = actual instanceof List<?> l ? l : List.of();
        Map<String, Object> sub = asMap(v);
        long hits =
            items.stream().filter(i -> i instanceof GqlNode g && matches(g, sub, inSets)).count();
        return op.equals("_some")
            ? hits > 0
            : op.equals("_every") ? hits == items.size() : hits == 0;
      case "_in":
      case "_not_in":
        boolean in = actual != null && isIn(actual, inSets.computeIfAbsent(v, GqlLists::keys));
        return op.equals("_in") == in;
      default:
        break;
    }
    if (actual == null) {
      return op.equals("_not_eq") && v != null;
    }
    String a = scalarText(actual);
    String b = scalarText(v);
    return switch (op) {
      case "_eq" -> compare(actual, v) == 0;
      case "_not_eq" -> compare(actual, v) != 0;
      case "_gt" -> compare(actual, v) > 0;
      case "_gte" -> compare(actual, v) >= 0;
      case "_lt" -> compare(actual, v) < 0;
      case "_lte" -> compare(actual, v) <= 0;
      case "_contains" -> a.contains(b);
      case "_not_contains" -> !a.contains(b);
      case "_containsInsensitive" ->
          a.toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT));
      case "_startsWith" -> a.startsWith(b);
      case "_endsWith" -> a.endsWith(b);
      default -> throw new GraphQlException("Unsupported filter operator " + op);
    };
  }

  private static String scalarText(Object o) {
    return o instanceof BigDecimal d ? d.toPlainString() : String.valueOf(o);
  }

  /**
   * The keys of an {@code _in} list's values, such that {@link #isIn} finds a value exactly when
   * {@link #compare} finds it equal to one of them: a number matches a number of equal value or a
   * text with its text, any other value matches any value with the same text.
   */
  private static Set<String> keys(Object values) {
    Set<String> keys = new HashSet<>();
    for (Object o : values instanceof List<?> l ? l : List.of(values)) {
      if (o == null) {
        continue;
      }
      BigDecimal n = number(o);
      keys.add(n != null ? "#" + n.stripTrailingZeros().toPlainString() : "t" + scalarText(o));
      keys.add("*" + scalarText(o));
    }
    return keys;
  }

  private static boolean isIn(Object actual, Set<String> keys) {
    BigDecimal n = number(actual);
    if (n == null) {
      return keys.contains("*" + scalarText(actual));
    }
    return keys.contains("#" + n.stripTrailingZeros().toPlainString())
        || keys.contains("t" + scalarText(actual));
  }

  /** Numbers (and numeric strings such as ids) compare numerically, the rest as text. */
  static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? -1 : 1;
    }
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    return scalarText(a).compareTo(scalarText(b));
  }

  private static BigDecimal number(Object o) {
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (o instanceof String s && !s.isEmpty() && s.length() < 40 && allDigits(s)) {
      return new BigDecimal(s);
    }
    return null;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
