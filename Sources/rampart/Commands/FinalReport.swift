import Engine
import Foundation
import Learning

/// The figures `rampart train` ends with.
struct FinalReport {
  let detail: JobDetail
  let evaluation: EvaluationReport
  let saved: String?

  var stepsPerSecond: Double {
    detail.trainingSeconds > 0 ? Double(detail.summary.step) / detail.trainingSeconds : 0
  }

  var jsonLine: JSONLine {
    let s = detail.summary
    let safety = detail.safety
    var line = JSONLine([
      "event": "final", "job": .string(s.id.rawValue), "env": .string(s.environment.rawValue),
      "algo": .string(s.algorithm.rawValue), "seed": .int(Int(detail.spec.seed)),
      "monitor": .string(s.monitor.rawValue), "steps": .int(s.step), "episodes": .int(s.episodes),
      "seconds": .double(detail.trainingSeconds), "steps_per_s": .double(stepsPerSecond),
      "cpu_seconds": .double(s.cpuSeconds),
      "eval_episodes": .int(evaluation.episodes),
      "eval_mean_return": .double(evaluation.meanReturn),
      "eval_std_return": .double(evaluation.standardDeviation),
      "eval_mean_length": .double(evaluation.meanLength),
      "safety_violations": .int(evaluation.safetyViolations),
      "eval_vetoes": .int(evaluation.vetoes),
      "vetoes": .int(safety.vetoes), "flagged": .int(safety.flagged),
      "decisions": .int(safety.decisions),
      "veto_rate": .number(
        safety.decisions > 0 ? Double(safety.flagged) / Double(safety.decisions) : nil),
      "training_safety_violations": .int(safety.violations),
    ])
    if s.environment.hasGoal { line["success_rate"] = .number(evaluation.successRate) }
    if let threshold = s.environment.solvedThreshold {
      line["target"] = .double(threshold)
      line["seconds_to_target"] = .number(detail.target?.seconds)
      line["steps_to_target"] = .number(detail.target?.steps)
    }
    if let saved { line["saved"] = .string(saved) }
    return line
  }

  var text: String {
    let s = detail.summary
    let safety = detail.safety
    var lines = [
      "final evaluation over \(evaluation.episodes) episodes (monitor \(evaluation.monitor.rawValue)): "
        + "mean return \(format(evaluation.meanReturn, 3)) ± \(format(evaluation.standardDeviation, 3)), "
        + "safety violations \(evaluation.safetyViolations), vetoes \(evaluation.vetoes)"
    ]
    if let rate = evaluation.successRate { lines.append("success rate \(format(rate, 3))") }
    lines.append(
      "training: \(s.step) steps in \(format(detail.trainingSeconds, 2)) s "
        + "(\(format(stepsPerSecond / 1000, 1))k steps/s), \(s.episodes) episodes, "
        + "\(safety.vetoes) vetoes, \(safety.flagged) flagged of \(safety.decisions) checked, "
        + "\(safety.violations) safety violations")
    if let threshold = s.environment.solvedThreshold {
      if let t = detail.target {
        lines.append(
          "target \(threshold) first reached at \(t.steps) steps after \(format(t.seconds, 2)) s of training"
        )
      } else {
        lines.append("target \(threshold) not reached")
      }
    }
    if let saved { lines.append("saved policy to \(saved)") }
    return lines.joined(separator: "\n")
  }
}
