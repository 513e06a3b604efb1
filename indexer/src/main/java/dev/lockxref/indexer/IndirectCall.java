package dev.lockxref.indexer;

/**
 * A call through a function pointer kept in a member: {@code dir->i_op->create(...)}.
 *
 * @param member the member called ({@code create})
 * @param receiver the expression the member is read from ({@code dir->i_op})
 * @param line where the call is
 */
public record IndirectCall(String member, String receiver, int line) {}
