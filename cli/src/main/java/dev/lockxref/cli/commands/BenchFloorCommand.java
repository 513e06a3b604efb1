package dev.lockxref.cli.commands;

import dev.lockxref.indexer.CLexer;
import dev.lockxref.indexer.CtagsRunner;
import dev.lockxref.indexer.SourceFile;
import dev.lockxref.indexer.SourceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockxref bench-floor TREE}: the least work any index of TREE built from ctags' JSON does, for
 * bin/bench-index: ctags run as the index runs it, its tags streamed into this JVM and parsed, then
 * dropped; with {@code --lex}, every file also read and split into tokens by the scanner's lexer.
 */
@Command(name = "bench-floor", hidden = true, description = "Run ctags into the JVM (and the lexer) with nothing kept.")
public final class BenchFloorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TREE")
  Path tree;

  @Option(names = "--jobs", paramLabel = "N")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--lex", description = "also read every file and split it into tokens")
  boolean lex;

  @Override
  public Integer call() throws InterruptedException, ExecutionException {
    SourceTree source = new SourceTree(tree);
    List<SourceFile> files = source.files(List.of());
    AtomicLong tags = new AtomicLong();
    AtomicLong tokens = new AtomicLong();
    ExecutorService lexers = Executors.newFixedThreadPool(jobs);
    List<Future<?>> lexed = new ArrayList<>();
    try {
      new CtagsRunner("ctags").run(source.root(), files, jobs, fileTags -> {
        tags.addAndGet(fileTags.size());
        if (lex) {
          Path file = source.root().resolve(fileTags.get(0).path());
          Future<?> done = lexers.submit(() -> tokens.addAndGet(CLexer.tokens(SourceTree.text(file)).size()));
          synchronized (lexed) {
            lexed.add(done);
          }
        }
      });
      for (Future<?> f : lexed) {
        f.get();
      }
    } finally {
      lexers.shutdown();
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "%d files, %d tags, %d tokens%n", files.size(), tags.get(), tokens.get());
    return 0;
  }
}
