package dev.lockxref.indexer;

import dev.lockxref.index.HeldRegion;
import dev.lockxref.index.LockSite;
import java.util.List;
import java.util.Map;

/**
 * What the indexer learnt of a tree, ready to be written: the functions and their calls, the lock
 * sites, the call graph, which functions may block, and each acquisition's held region. The
 * definitions are no longer needed once the sites are resolved, and are not kept.
 */
record AnalysedTree(List<FunctionFacts> facts, CallEdges edges, LockSiteFinder.Result found, CallGraph graph,
    MayBlock mayBlock, Map<LockSite, HeldRegion> regions) {}
