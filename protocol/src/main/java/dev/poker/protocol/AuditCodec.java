package dev.poker.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEvent;
import dev.poker.engine.cards.Card;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON for the audit log and for events travelling between nodes: every engine event in full,
 * private fields included (the deck, every player's hole cards). Never sent to clients; they get
 * filtered views. An event is stored as its kind (the record's simple name) and its fields as JSON;
 * cards are written as {@code "Ah"}.
 *
 * <p>Concurrency: thread-safe.
 */
public final class AuditCodec {
    private static final Map<String, Class<? extends TableEvent>> KINDS = new HashMap<>();

    static {
        for (Class<?> c : TableEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends TableEvent> e = (Class<? extends TableEvent>) c;
            KINDS.put(c.getSimpleName(), e);
        }
    }

    private final ObjectMapper mapper;

    public AuditCodec() {
        SimpleModule cards = new SimpleModule("cards");
        cards.addSerializer(Card.class, new JsonSerializer<>() {
            @Override
            public void serialize(Card card, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(card.toString());
            }
        });
        cards.addDeserializer(Card.class, new JsonDeserializer<>() {
            @Override
            public Card deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return Card.parse(p.getValueAsString());
            }
        });
        mapper = JsonMapper.builder().addModule(cards)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** The stored kind of an event: the record's simple name, such as {@code ActionTaken}. */
    public static String kind(TableEvent e) {
        return e.getClass().getSimpleName();
    }

    public String payload(TableEvent e) {
        return write(e);
    }

    public TableEvent event(String kind, String payload) {
        Class<? extends TableEvent> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unknown event kind '" + kind + "'");
        }
        return read(payload, type);
    }

    public String config(TableConfig c) {
        return write(c);
    }

    public TableConfig config(String json) {
        return read(json, TableConfig.class);
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
