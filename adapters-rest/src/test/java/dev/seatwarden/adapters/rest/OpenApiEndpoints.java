package dev.seatwarden.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The endpoints an OpenAPI document declares, as {@code "METHOD /path/{id}"} strings (method in upper
 * case, path as written in the document), so that tests can compare the document with the spec's
 * tables or with the routes a running server answers.
 */
final class OpenApiEndpoints {

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiEndpoints() {}

    /** Reads the whole document (it does not close the stream) and returns its endpoints, sorted. */
    static Set<String> of(InputStream document) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the OpenAPI document is not a JSON object");
        }
        SortedSet<String> endpoints = new TreeSet<>();
        var paths = root.path("paths");
        paths.fieldNames().forEachRemaining(path -> {
            var item = paths.get(path);
            if (item.has("$ref")) {
                // A referenced path item would hide its methods from this reader: refuse rather than miss them.
                throw new IllegalArgumentException(
                        "path item " + path + " is a $ref, which this reader does not follow");
            }
            item.fieldNames().forEachRemaining(field -> {
                if (HTTP_METHODS.contains(field)) {
                    endpoints.add(field.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        });
        return Collections.unmodifiableSortedSet(endpoints);
    }
}
