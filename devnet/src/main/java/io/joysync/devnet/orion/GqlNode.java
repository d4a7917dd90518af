package io.joysync.devnet.orion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An object of the Orion schema as the executor sees it: a type name and named fields computed on
 * demand (so relations can point both ways without building cycles). Fields may take arguments
 * (e.g. a nested list with where/limit). Asking for a field the type does not have is a GraphQL
 * validation error, as on Orion.
 */
public final class GqlNode {
  private final String typename;
  private final Map<String, Function<Map<String, Object>, Object>> fields = new LinkedHashMap<>();

  public GqlNode(String typename) {
    this.typename = typename;
  }

  public String typename() {
    return typename;
  }

  public GqlNode put(String name, Object value) {
    fields.put(name, args -> value);
    return this;
  }

  public GqlNode lazy(String name, Supplier<Object> value) {
    fields.put(name, args -> value.get());
    return this;
  }

  public GqlNode withArgs(String name, Function<Map<String, Object>, Object> value) {
    fields.put(name, value);
    return this;
  }

  public boolean has(String name) {
    return fields.containsKey(name);
  }

  public Object get(String name, Map<String, Object> args) {
    Function<Map<String, Object>, Object> f = fields.get(name);
    if (f == null) {
      throw new GraphQlException(
          "Cannot query field \"" + name + "\" on type \"" + typename + "\".");
    }
    return f.apply(args);
  }

  public Object get(String name) {
    return get(name, Map.of());
  }
}
