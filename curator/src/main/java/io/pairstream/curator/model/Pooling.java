package io.pairstream.curator.model;

/** How a text model's output becomes one vector per text. */
public enum Pooling {
    /** The output is already one vector per text, shape [batch, dim] (CLIP text towers). */
    NONE,
    /** The output is one vector per token, shape [batch, tokens, dim]; average over the attention mask (sentence transformers). */
    MEAN
}
