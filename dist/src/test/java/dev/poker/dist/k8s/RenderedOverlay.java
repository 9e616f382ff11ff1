package dev.poker.dist.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One overlay as {@code kubectl kustomize} rendered it and {@link StrictKubernetesModel} parsed it, with
 * look-ups by kind and name for the cross-reference checks.
 *
 * @param name the overlay's directory name (dev, prod)
 * @param objects every rendered object
 * @param externalSecrets Secrets the overlay expects to exist without rendering them (prod: the
 *     template secrets.example.yaml), by name
 */
record RenderedOverlay(String name, List<HasMetadata> objects, Map<String, Secret> externalSecrets) {
    /** Every object of class {@code type}. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The object of class {@code type} named {@code name}, failing when there is none. */
    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                this.name + ": no " + type.getSimpleName() + " named " + name + " in the rendered overlay"));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** The Secret a pod would read under {@code name}: rendered, or expected from outside. */
    Optional<Secret> secret(String name) {
        return find(Secret.class, name).or(() -> Optional.ofNullable(externalSecrets.get(name)));
    }

    /** The keys of a Secret (data or stringData). */
    static java.util.Set<String> keys(Secret s) {
        Map<String, String> all = new HashMap<>();
        if (s.getData() != null) {
            all.putAll(s.getData());
        }
        if (s.getStringData() != null) {
            all.putAll(s.getStringData());
        }
        return all.keySet();
    }

    /** The environment of a container: its env values over the ConfigMaps it reads whole (envFrom). */
    Map<String, String> environment(Container c) {
        Map<String, String> env = new HashMap<>();
        if (c.getEnvFrom() != null) {
            c.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                    .forEach(e -> env.putAll(one(ConfigMap.class, e.getConfigMapRef().getName()).getData()));
        }
        if (c.getEnv() != null) {
            c.getEnv().forEach(e -> env.put(e.getName(), e.getValue() != null ? e.getValue() : "<from " + e.getValueFrom() + ">"));
        }
        return env;
    }

    /** True when {@code selector}'s matchLabels (it has no expressions here) all hold for {@code labels}. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not checked by this test: use matchLabels");
        }
        return selects(selector.getMatchLabels(), labels);
    }

    static boolean selects(Map<String, String> matchLabels, Map<String, String> labels) {
        return matchLabels != null && !matchLabels.isEmpty() && labels != null
                && matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** The Deployments whose pods {@code matchLabels} selects. */
    List<Deployment> deploymentsSelectedBy(Map<String, String> matchLabels) {
        return all(Deployment.class).stream()
                .filter(d -> selects(matchLabels, d.getSpec().getTemplate().getMetadata().getLabels())).toList();
    }
}
