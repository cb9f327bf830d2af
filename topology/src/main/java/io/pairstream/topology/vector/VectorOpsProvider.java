package io.pairstream.topology.vector;

import java.lang.reflect.InvocationTargetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the kernels once per JVM: SIMD when the incubating Vector API module is present, else plain loops. */
final class VectorOpsProvider {

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String PANAMA_CLASS = "io.pairstream.topology.vector.PanamaVectorOps";
    private static final Logger LOG = LoggerFactory.getLogger(VectorOpsProvider.class);
    private static final VectorOps INSTANCE = choose();

    private VectorOpsProvider() {
    }

    static VectorOps instance() {
        return INSTANCE;
    }

    /** The SIMD kernels, or {@code null} when this JVM cannot run them; for tests pinning SIMD to scalar. */
    static VectorOps panamaOrNull() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return null;
        }
        try {
            return (VectorOps) Class.forName(PANAMA_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("SIMD vector kernels could not be loaded ({}); using plain loops", describe(e));
            return null;
        }
    }

    private static VectorOps choose() {
        VectorOps panama = panamaOrNull();
        if (panama != null) {
            LOG.info("Vector math uses SIMD kernels ({})", VECTOR_MODULE);
            return panama;
        }
        LOG.info("Vector math uses plain loops; start the JVM with --add-modules {} for SIMD kernels", VECTOR_MODULE);
        return new ScalarVectorOps();
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        return cause.toString();
    }
}
