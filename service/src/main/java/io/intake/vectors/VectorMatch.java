package io.intake.vectors;

/** A search hit: the work item id and its cosine similarity to the query. */
public record VectorMatch(String id, double score) {
}
