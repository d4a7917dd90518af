package io.joysync.devnet.orion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed GraphQL request document: the selection sets of its operations and its named fragments,
 * with argument values as plain Java (String, BigDecimal, Boolean, null, List, Map, {@link
 * Variable}, {@link EnumValue}). Parsing follows the GraphQL grammar for executable documents;
 * anything else fails with {@link GraphQlException}.
 */
public final class GraphQlDocument {
  /** A reference to a request variable. */
  public record Variable(String name) {}

  /** An enum literal such as {@code id_ASC}. */
  public record EnumValue(String name) {}

  /** A field, fragment spread or inline fragment. */
  public sealed interface Selection permits Field, FragmentSpread, InlineFragment {}

  public record Field(
      String alias, String name, Map<String, Object> arguments, List<Selection> selections)
      implements Selection {
    public String responseKey() {
      return alias != null ? alias : name;
    }
  }

  public record FragmentSpread(String name) implements Selection {}

  public record InlineFragment(String typeCondition, List<Selection> selections)
      implements Selection {}

  public record Operation(String name, String kind, List<Selection> selections) {}

  private final List<Operation> operations;
  private final Map<String, InlineFragment> fragments;

  private GraphQlDocument(List<Operation> operations, Map<String, InlineFragment> fragments) {
    this.operations = List.copyOf(operations);
    this.fragments = Map.copyOf(fragments);
  }

  public Operation operation(String name) {
    if (name == null) {
      if (operations.size() != 1) {
        throw new GraphQlException(
            "Must provide operation name if query contains multiple operations.");
      }
      return operations.get(0);
    }
    return operations.stream()
        .filter(o -> name.equals(o.name()))
        .findFirst()
        .orElseThrow(() -> new GraphQlException("Unknown operation named \"" + name + "\"."));
  }

  public InlineFragment fragment(String name) {
    InlineFragment f = fragments.get(name);
    if (f == null) {
      throw new GraphQlException("Unknown fragment \"" + name + "\".");
    }
    return f;
  }

  public static GraphQlDocument parse(String text) {
    return new Parser(new GraphQlLexer(text)).document();
  }

  private static final class Parser {
    private final GraphQlLexer lx;
    private int depth;

    Parser(GraphQlLexer lx) {
      this.lx = lx;
    }

    GraphQlDocument document() {
      List<Operation> ops = new ArrayList<>();
      Map<String, InlineFragment> frags = new LinkedHashMap<>();
      if (lx.atEnd()) {
        throw new GraphQlException("Syntax Error: Unexpected <EOF>.");
      }
      while (!lx.atEnd()) {
        if (lx.peekIs("{")) {
          ops.add(new Operation(null, "query", selectionSet()));
        } else {
          String keyword = lx.name();
          switch (keyword) {
            case "query", "mutation", "subscription" -> {
              String name = lx.peekName() ? lx.name() : null;
              if (lx.peekIs("(")) {
                variableDefinitions();
              }
              directives();
              ops.add(new Operation(name, keyword, selectionSet()));
            }
            case "fragment" -> {
              String name = lx.name();
              lx.expectName("on");
              String type = lx.name();
              directives();
              frags.put(name, new InlineFragment(type, selectionSet()));
            }
            default ->
                throw new GraphQlException("Syntax Error: Unexpected Name \"" + keyword + "\".");
          }
        }
      }
      return new GraphQlDocument(ops, frags);
    }

    private void variableDefinitions() {
      lx.expect("(");
      while (!lx.peekIs(")")) {
        lx.expect("$");
        lx.name();
        lx.expect(":");
        type();
        if (lx.peekIs("=")) {
          lx.expect("=");
          value();
        }
        directives();
      }
      lx.expect(")");
    }

    private void type() {
      if (lx.peekIs("[")) {
        lx.expect("[");
        type();
        lx.expect("]");
      } else {
        lx.name();
      }
      if (lx.peekIs("!")) {
        lx.expect("!");
      }
    }

    private void directives() {
      while (lx.peekIs("@")) {
        lx.expect("@");
        lx.name();
        if (lx.peekIs("(")) {
          arguments();
        }
      }
    }

    private List<Selection> selectionSet() {
      if (++depth > 32) {
        throw new GraphQlException("Query is nested too deeply.");
      }
      lx.expect("{");
      List<Selection> out = new ArrayList<>();
      while (!lx.peekIs("}")) {
        if (lx.peekIs("...")) {
          lx.expect("...");
          if (lx.peekName() && lx.peekNameIs("on")) {
            lx.name();
            String type = lx.name();
            directives();
            out.add(new InlineFragment(type, selectionSet()));
          } else if (lx.peekIs("{") || lx.peekIs("@")) {
            directives();
            out.add(new InlineFragment(null, selectionSet()));
          } else {
            out.add(new FragmentSpread(lx.name()));
            directives();
          }
        } else {
          String first = lx.name();
          String alias = null;
          String name = first;
          if (lx.peekIs(":")) {
            lx.expect(":");
            alias = first;
            name = lx.name();
          }
          Map<String, Object> args = lx.peekIs("(") ? arguments() : Map.of();
          directives();
          List<Selection> sub = lx.peekIs("{") ? selectionSet() : List.of();
          out.add(new Field(alias, name, args, sub));
        }
      }
      lx.expect("}");
      depth--;
      if (out.isEmpty()) {
        throw new GraphQlException("Syntax Error: Expected Name, found \"}\".");
      }
      return out;
    }

    private Map<String, Object> arguments() {
      lx.expect("(");
      Map<String, Object> args = new LinkedHashMap<>();
      while (!lx.peekIs(")")) {
        String name = lx.name();
        lx.expect(":");
        args.put(name, value());
      }
      lx.expect(")");
      return args;
    }

    private Object value() {
      if (lx.peekIs("$")) {
        lx.expect("$");
        return new Variable(lx.name());
      }
      if (lx.peekIs("[")) {
        lx.expect("[");
        List<Object> list = new ArrayList<>();
        while (!lx.peekIs("]")) {
          list.add(value());
        }
        lx.expect("]");
        return list;
      }
      if (lx.peekIs("{")) {
        lx.expect("{");
        Map<String, Object> obj = new LinkedHashMap<>();
        while (!lx.peekIs("}")) {
          String name = lx.name();
          lx.expect(":");
          obj.put(name, value());
        }
        lx.expect("}");
        return obj;
      }
      return lx.scalar();
    }
  }
}
