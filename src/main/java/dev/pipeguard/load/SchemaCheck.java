package dev.pipeguard.load;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pipeguard.model.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** One JSON Schema from the jar's {@code schemas/}, compiled once, reporting errors at file:line:col. */
public final class SchemaCheck {

    private final JsonSchema schema;

    private SchemaCheck(JsonSchema schema) {
        this.schema = schema;
    }

    /** Loads {@code schemas/NAME} from the classpath (the build copies the top-level folder there). */
    public static SchemaCheck load(String name) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the build: " + name);
            }
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    b -> b.defaultMetaSchemaIri(com.networknt.schema.JsonMetaSchema.getV202012().getIri()));
            return new SchemaCheck(factory.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about {@code tree}, each at the span of the offending value. */
    public List<Problem> validate(LocatedTree tree) {
        Set<ValidationMessage> messages = schema.validate(tree.root());
        List<Problem> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String pointer = toPointer(m.getInstanceLocation());
            boolean aboutKey = "additionalProperties".equals(m.getType()) && m.getProperty() != null;
            String target = aboutKey ? pointer + "/" + m.getProperty() : pointer;
            String where = pointer.isEmpty() ? "" : " (at " + pointer + ")";
            out.add(new Problem(aboutKey ? tree.keySpan(target) : tree.valueSpan(target),
                    cleanMessage(m) + where));
        }
        out.sort(Comparator.comparing((Problem p) -> p.span().start()));
        return out;
    }

    private static String cleanMessage(ValidationMessage m) {
        String msg = m.getMessage();
        // networknt prefixes the JSON path ("$.a.b: "); the span already says where.
        int colon = msg.indexOf(": ");
        return msg.startsWith("$") && colon > 0 ? msg.substring(colon + 2) : msg;
    }

    /** Converts networknt's instance path (property names and indexes) into a JSON Pointer. */
    static String toPointer(com.networknt.schema.JsonNodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            out.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return out.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
