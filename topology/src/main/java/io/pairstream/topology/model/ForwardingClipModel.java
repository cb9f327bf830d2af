package io.pairstream.topology.model;

import java.util.List;
import java.util.Objects;

/**
 * A model that hands every call to another; subclasses override the calls they add to (timing,
 * thread placement). Closing it leaves the other model open, for whoever opened it to close,
 * unless a subclass overrides {@link #close}.
 */
public abstract class ForwardingClipModel implements ClipModel {

    private final ClipModel delegate;

    protected ForwardingClipModel(ClipModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate cannot be null");
    }

    /** The model calls are handed to. */
    protected final ClipModel delegate() {
        return delegate;
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public List<Embedding> embedImages(List<byte[]> encodedImages) {
        return delegate.embedImages(encodedImages);
    }

    @Override
    public List<Embedding> embedTexts(List<String> texts) {
        return delegate.embedTexts(texts);
    }

    @Override
    public void feederStarted() {
        delegate.feederStarted();
    }

    @Override
    public void close() {
        // The delegate belongs to whoever opened it.
    }
}
