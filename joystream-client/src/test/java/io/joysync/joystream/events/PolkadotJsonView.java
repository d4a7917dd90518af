package io.joysync.joystream.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.metadata.ScaleValue;
import io.joysync.joystream.metadata.TypeDef;
import io.joysync.joystream.metadata.TypeRegistry;
import java.math.BigInteger;
import java.util.List;

/**
 * Renders a decoded value the way polkadot.js {@code toJSON()} does (camelCase names, unit enums as
 * strings, Option as null/value, big numbers as hex, accounts as SS58), so the generic decoder can
 * be compared field by field with the kit's decoded events. Test-only.
 */
final class PolkadotJsonView {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger MAX_SAFE = BigInteger.valueOf(9007199254740991L);
  private final TypeRegistry types;

  PolkadotJsonView(TypeRegistry types) {
    this.types = types;
  }

  JsonNode render(int typeId, ScaleValue v) {
    var type = types.type(typeId);
    TypeDef def = type.def();
    if (type.pathName().endsWith("AccountId32")) {
      return JSON.getNodeFactory().textNode(new AccountId(v.asBytes()).toSs58());
    }
    if (def instanceof TypeDef.Composite c) {
      if (c.fields().size() == 1 && c.fields().get(0).name() == null) {
        return render(c.fields().get(0).type(), v.at(0));
      }
      if (c.fields().stream().allMatch(f -> f.name() == null)) {
        ArrayNode arr = JSON.createArrayNode();
        for (int i = 0; i < c.fields().size(); i++) {
          arr.add(render(c.fields().get(i).type(), v.at(i)));
        }
        return arr;
      }
      ObjectNode obj = JSON.createObjectNode();
      for (int i = 0; i < c.fields().size(); i++) {
        obj.set(camel(c.fields().get(i).name()), render(c.fields().get(i).type(), v.at(i)));
      }
      return obj;
    }
    if (def instanceof TypeDef.VariantType vt) {
      ScaleValue.Variant val = (ScaleValue.Variant) v;
      TypeDef.Variant variant = vt.byIndex(val.index()).orElseThrow();
      if (type.path().equals(List.of("Option"))) {
        return val.fields().isEmpty()
            ? JSON.nullNode()
            : render(variant.fields().get(0).type(), val.at(0));
      }
      boolean basic = vt.variants().stream().allMatch(x -> x.fields().isEmpty());
      if (basic) {
        return JSON.getNodeFactory().textNode(variant.name());
      }
      ObjectNode obj = JSON.createObjectNode();
      JsonNode inner;
      if (variant.fields().isEmpty()) {
        inner = JSON.nullNode();
      } else if (variant.fields().size() == 1) {
        inner = render(variant.fields().get(0).type(), val.at(0));
      } else if (variant.fields().get(0).name() == null) {
        ArrayNode arr = JSON.createArrayNode();
        for (int i = 0; i < variant.fields().size(); i++) {
          arr.add(render(variant.fields().get(i).type(), val.at(i)));
        }
        inner = arr;
      } else {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < variant.fields().size(); i++) {
          o.set(
              camel(variant.fields().get(i).name()),
              render(variant.fields().get(i).type(), val.at(i)));
        }
        inner = o;
      }
      obj.set(lowerFirst(variant.name()), inner);
      return obj;
    }
    if (v instanceof ScaleValue.Bytes b) {
      return JSON.getNodeFactory().textNode(b.hex());
    }
    if (def instanceof TypeDef.Sequence s) {
      return list(s.elementType(), v);
    }
    if (def instanceof TypeDef.ArrayType a) {
      return list(a.elementType(), v);
    }
    if (v instanceof ScaleValue.Int i) {
      return i.value().compareTo(MAX_SAFE) > 0
          ? JSON.getNodeFactory().textNode("0x" + i.value().toString(16))
          : JSON.getNodeFactory().numberNode(i.value());
    }
    if (v instanceof ScaleValue.Bool b) {
      return JSON.getNodeFactory().booleanNode(b.value());
    }
    if (v instanceof ScaleValue.Text t) {
      return JSON.getNodeFactory().textNode(t.value());
    }
    throw new IllegalArgumentException("no JSON view for " + v);
  }

  private JsonNode list(int elementType, ScaleValue v) {
    ArrayNode arr = JSON.createArrayNode();
    for (ScaleValue item : v.items()) {
      arr.add(render(elementType, item));
    }
    return arr;
  }

  static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char ch : snake.toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return out.toString();
  }

  static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
