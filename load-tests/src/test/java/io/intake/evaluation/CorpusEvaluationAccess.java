package io.intake.evaluation;

/** Lets ad-hoc tools outside the package read a dataset of the report by name. */
public final class CorpusEvaluationAccess {

  private CorpusEvaluationAccess() {
  }

  public static CorpusEvaluation.Dataset dataset(String name) throws Exception {
    if (name.startsWith("interleaved")) {
      java.util.List<CorpusEvaluation.Dataset> all = new java.util.ArrayList<>(CorpusEvaluation.corpus());
      all.addAll(CorpusEvaluation.loghub());
      return CorpusEvaluation.interleave(all, CorpusEvaluation.SEED);
    }
    if (CorpusEvaluation.LOGHUB.contains(name)) {
      return CorpusEvaluation.loghub().get(CorpusEvaluation.LOGHUB.indexOf(name));
    }
    return CorpusEvaluation.corpus(name);
  }
}
