package io.joysync.devnet.orion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.orion.GraphQlDocument.Field;
import io.joysync.devnet.orion.GraphQlDocument.FragmentSpread;
import io.joysync.devnet.orion.GraphQlDocument.InlineFragment;
import io.joysync.devnet.orion.GraphQlDocument.Selection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a parsed document against a root {@link GqlNode}: resolves variables and enum literals
 * in arguments, follows fragments (with type conditions), and writes exactly the selected fields in
 * order. Scalars: String, Boolean, Integer/Long (Int), BigInteger (BigInt, as a string).
 */
final class GraphQlExecutor {
  private final ObjectMapper json;
  private final GraphQlDocument document;
  private final Map<String, Object> variables;

  GraphQlExecutor(ObjectMapper json, GraphQlDocument document, JsonNode variables) {
    this.json = json;
    this.document = document;
    this.variables = new LinkedHashMap<>();
    if (variables != null && variables.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = variables.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        this.variables.put(e.getKey(), fromJson(e.getValue()));
      }
    }
  }

  ObjectNode execute(String operationName, GqlNode root) {
    GraphQlDocument.Operation op = document.operation(operationName);
    return object(root, op.selections());
  }

  private ObjectNode object(GqlNode node, List<Selection> selections) {
    ObjectNode out = json.createObjectNode();
    collect(node, selections, out);
    return out;
  }

  private void collect(GqlNode node, List<Selection> selections, ObjectNode out) {
    for (Selection s : selections) {
      if (s instanceof Field f) {
        if (f.name().equals("__typename")) {
          out.put(f.responseKey(), node.typename());
          continue;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        f.arguments().forEach((k, v) -> args.put(k, resolve(v)));
        Object value = node.get(f.name(), args);
        out.set(f.responseKey(), value(value, f));
      } else if (s instanceof InlineFragment fr) {
        if (fr.typeCondition() == null || fr.typeCondition().equals(node.typename())) {
          collect(node, fr.selections(), out);
        }
      } else if (s instanceof FragmentSpread sp) {
        InlineFragment fr = document.fragment(sp.name());
        if (fr.typeCondition().equals(node.typename())) {
          collect(node, fr.selections(), out);
        }
      }
    }
  }

  private JsonNode value(Object value, Field f) {
    if (value == null) {
      return json.nullNode();
    }
    if (value instanceof GqlNode n) {
      if (f.selections().isEmpty()) {
        throw new GraphQlException(
            "Field \""
                + f.name()
                + "\" of type \""
                + n.typename()
                + "\" must have a selection of subfields.");
      }
      return object(n, f.selections());
    }
    if (value instanceof List<?> list) {
      ArrayNode a = json.createArrayNode();
      for (Object item : list) {
        a.add(value(item, f));
      }
      return a;
    }
    if (!f.selections().isEmpty()) {
      throw new GraphQlException(
          "Field \"" + f.name() + "\" must not have a selection since it is a scalar.");
    }
    if (value instanceof Boolean b) {
      return json.getNodeFactory().booleanNode(b);
    }
    if (value instanceof Integer i) {
      return json.getNodeFactory().numberNode(i);
    }
    if (value instanceof Long l) {
      return json.getNodeFactory().numberNode(l);
    }
    if (value instanceof BigInteger b) {
      return json.getNodeFactory().textNode(b.toString());
    }
    return json.getNodeFactory().textNode(String.valueOf(value));
  }

  private Object resolve(Object v) {
    if (v instanceof GraphQlDocument.Variable var) {
      if (!variables.containsKey(var.name())) {
        return null;
      }
      return variables.get(var.name());
    }
    if (v instanceof GraphQlDocument.EnumValue e) {
      return e.name();
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(resolve(x)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), resolve(x)));
      return out;
    }
    return v;
  }

  private static Object fromJson(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isNumber()) {
      return new BigDecimal(n.asText());
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isArray()) {
      List<Object> out = new ArrayList<>();
      n.forEach(x -> out.add(fromJson(x)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), fromJson(e.getValue())));
    return out;
  }
}
