package dev.poker.dist.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a YAML stream of Kubernetes objects into fabric8's typed API model, strictly: every document must
 * be a kind the model knows (no {@link GenericKubernetesResource}) and no field may be unknown to it.
 * fabric8's classes keep unknown fields in {@code additionalProperties} instead of failing, so every object
 * of the parsed graph is walked and any non-empty {@code additionalProperties} is an error naming its path.
 *
 * <p>Concurrency: stateless; the serializer is thread-safe.
 */
final class StrictKubernetesModel {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictKubernetesModel() {}

    /** The objects of a multi-document YAML stream (documents separated by {@code ---} lines). */
    static List<HasMetadata> parse(String yaml, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        int n = 0;
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            n++;
            Object parsed = SERIALIZATION.unmarshal(doc);
            String where = source + " document " + n;
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError(where + " is not a Kubernetes object: " + parsed);
            }
            if (object instanceof GenericKubernetesResource) {
                throw new AssertionError(where + ": kind " + object.getApiVersion() + "/" + object.getKind()
                        + " is not in the Kubernetes API model");
            }
            List<String> unknown = new ArrayList<>();
            walk(object, object.getKind() + "/" + object.getMetadata().getName(), unknown,
                    java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            if (!unknown.isEmpty()) {
                throw new AssertionError(where + " has fields the API model does not know: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    private static void walk(Object o, String path, List<String> unknown, Set<Object> seen) {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // not a bean property of the model
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            walk(value, path + "." + property(getter.getName()), unknown, seen);
        }
    }

    private static String property(String getter) {
        String p = getter.substring(3);
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }
}
