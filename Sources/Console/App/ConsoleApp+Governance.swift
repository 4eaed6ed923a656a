import Engine
import Foundation
import Governance

/// The governance screens' selections and what is being fetched.
struct GovernanceState {
  /// When the cheap reads last ran (nil: never).
  var loadedAt: Date?
  /// Reload at the next frame (after a key that changes what is shown).
  var dirty = true
  /// Screens whose read was refused: not asked again (each refusal is audited) until the
  /// principal changes or the screen is entered again.
  var refused: Set<ScreenID> = []

  var auditQuery = AuditQuery()
  /// The selected entry, by sequence number (stays on it when newer entries arrive).
  var auditSelected: Int64?
  /// How many entries the list reads (grows when the selection nears its end).
  var auditLimit = 200
  /// The proof on screen or being computed: (entry, tree size), and when it was asked for.
  var proofKey: ProofKey?
  var proofRequestedAt: Date?

  var requestSelected: Int64?
  var modelSelected: String?
  /// Scroll offset of the alias history.
  var historyScroll = 0

  var alertFilter = AlertFilter()
  /// The selected alert, by id (stays on it when newer alerts arrive).
  var alertSelected: Int64?
  /// The incident on the Incident screen.
  var incidentSelected: Int64?
  /// The incident's alert whose evidence is shown.
  var incidentAlertSelected: Int64?
  /// Scroll offset of the incident's timeline.
  var timelineScroll = 0
  /// The newest alert id read so far (nil: none read yet), to announce new critical alerts.
  var newestAlert: Int64?

  var datasetSelected: String?
  var datasetVersionSelected: Int?
}

struct ProofKey: Hashable, Sendable {
  var sequence: Int64
  var treeSize: Int64
}

/// A result of work done off the render path, picked up by the next frame.
enum Completion: Sendable {
  case review(principal: String, request: Int64, Fetched<PromotionReview>)
  case verification(principal: String, Fetched<AuditCheck>)
  case proof(principal: String, ProofKey, Fetched<AuditProof>)
  case decision(principal: String, text: String, ok: Bool)
}

/// Runs the expensive governance calls (re-evaluations, verification, proofs, decisions) on a
/// background queue and hands their results to the console's thread.
final class BackgroundWork: @unchecked Sendable {
  private let lock = NSLock()
  private var done: [Completion] = []
  private let queue = DispatchQueue(label: "rampart.console.governance", attributes: .concurrent)
  private let group = DispatchGroup()

  func run(_ body: @escaping @Sendable () -> Completion) {
    group.enter()
    queue.async {
      let result = body()
      self.lock.lock()
      self.done.append(result)
      self.lock.unlock()
      self.group.leave()
    }
  }

  /// The results that arrived since the last call, in order.
  func drain() -> [Completion] {
    lock.lock()
    defer { lock.unlock() }
    let out = done
    done = []
    return out
  }

  /// Waits until nothing runs; false on timeout.
  func wait(timeout: TimeInterval) -> Bool {
    group.wait(timeout: .now() + timeout) == .success
  }
}

extension ConsoleApp {
  var auditService: AuditService { AuditService(governance: engine.governance) }
  var registryService: RegistryService { RegistryService(governance: engine.governance) }
  var promotionService: PromotionService { PromotionService(governance: engine.governance) }

  static func message(_ error: any Error) -> String {
    (error as? EngineError)?.description ?? "\(error)"
  }

  /// Waits until the background work (re-evaluations, verification, proofs, decisions) is done
  /// and takes its results (tests; the run loop never blocks on it).
  @discardableResult
  public func waitForBackgroundWork(timeout: TimeInterval = 120) -> Bool {
    let finished = background.wait(timeout: timeout)
    collectBackgroundResults()
    return finished
  }

  /// Takes the results of finished background work into the governance data.
  func collectBackgroundResults() {
    for completion in background.drain() {
      switch completion {
      case .review(let who, let id, let result) where who == principal.name:
        governance.reviews[id] = result
      case .verification(let who, var result) where who == principal.name:
        // Stamped when it reaches the screen, with the console's (injectable) clock.
        if case .value(var check) = result {
          check.verifiedAt = clock()
          result = .value(check)
        }
        governance.verification = result
        if case .value(let check) = result, !check.isValid {
          say("audit log: \(check.message ?? "verification failed")", .danger)
        }
        governanceState.dirty = true
      case .proof(let who, let key, let result) where who == principal.name:
        if governanceState.proofKey == key { governance.proof = result }
      case .decision(let who, let text, let ok) where who == principal.name:
        say(text, ok ? .ok : .danger)
        governanceState.dirty = true
      default:
        break
      }
    }
  }

  /// Forgets everything read as the previous principal (after `:as`).
  func resetGovernance() {
    governance = GovernanceData()
    governanceState = GovernanceState()
  }

  // MARK: Reading

  /// Re-reads what the header and the current screen show when a key asked for it or about a
  /// second has passed; the run loop calls it before each frame.
  func refreshGovernanceIfDue() {
    let now = clock()
    if !governanceState.dirty, let last = governanceState.loadedAt,
      now.timeIntervalSince(last) < 1
    {
      return
    }
    refreshGovernance()
  }

  /// Reads, through the Engine's services as the acting principal, what the header and the
  /// current screen show (cheap, LIMIT-ed queries), and starts the expensive work they need
  /// (the first verification, the selected entry's proof) in the background.
  public func refreshGovernance() {
    collectBackgroundResults()
    governanceState.loadedAt = clock()
    governanceState.dirty = false
    let me = principal
    governance.pendingApprovals =
      engine.holds(.modelRead, me)
      ? (try? promotionService.requests(status: .pending, as: me))?.count : nil
    governance.auditEntries =
      engine.holds(.auditRead, me) ? try? auditService.count(as: me) : nil
    readAlertSummary()
    if !governanceState.refused.contains(screen) {
      switch screen {
      case .overview, .job: break
      case .audit: readAudit()
      case .approvals: readApprovals()
      case .registry: readRegistry()
      case .alerts: readAlerts()
      case .incident: readIncident()
      case .data: readData()
      }
    }
    // After the reads: the verification is itself an audit entry, which the next read lists.
    if governance.verification == nil, engine.holds(.auditVerify, me) { verifyAudit() }
  }

  func refuse(_ error: any Error) -> String {
    if case .denied = error as? EngineError { governanceState.refused.insert(screen) }
    return Self.message(error)
  }

  private func readAudit() {
    let me = principal
    do {
      let query = governanceState.auditQuery
      let rows = try auditService.entries(query.filter(limit: governanceState.auditLimit), as: me)
        .map(AuditRow.init)
      let head = try auditService.latestHead(as: me).map {
        AuditHead(treeSize: $0.treeSize, rootHash: $0.rootHash.hex, time: $0.time, keyID: $0.keyID)
      }
      let count = try auditService.count(as: me)
      governance.audit = .value(AuditListing(entries: rows, count: count, head: head))
      if let s = governanceState.auditSelected, rows.contains(where: { $0.sequence == s }) {
      } else {
        governanceState.auditSelected = rows.first?.sequence
      }
      requestProof(head: head)
    } catch {
      governance.audit = .failed(refuse(error))
      governance.proof = nil
    }
  }

  /// Starts the selected entry's inclusion proof against the latest head unless it is already
  /// shown or being computed.
  private func requestProof(head: AuditHead?) {
    guard let seq = governanceState.auditSelected else {
      governance.proof = nil
      governanceState.proofKey = nil
      return
    }
    guard let head else {
      governance.proof = .failed("no signed tree head yet")
      governanceState.proofKey = nil
      return
    }
    guard seq < head.treeSize else {
      governance.proof = .failed(
        "entry \(seq) is not covered yet by the latest signed head (tree size \(head.treeSize))")
      governanceState.proofKey = nil
      return
    }
    let key = ProofKey(sequence: seq, treeSize: head.treeSize)
    if let current = governanceState.proofKey, current.sequence == seq {
      // Same entry, a longer log: a fresher proof at most every 10 s (each reads every leaf
      // hash up to the head); the one on screen stays valid for its tree size meanwhile.
      if current == key { return }
      if let at = governanceState.proofRequestedAt, clock().timeIntervalSince(at) < 10 { return }
    } else {
      governance.proof = .pending
    }
    governanceState.proofKey = key
    governanceState.proofRequestedAt = clock()
    let service = auditService
    let me = principal
    background.run {
      do {
        let proof = try service.inclusionProof(for: seq, treeSize: key.treeSize, as: me)
        return .proof(
          principal: me.name, key, .value(AuditProof(proof, signedRoot: head.rootHash)))
      } catch {
        return .proof(principal: me.name, key, .failed(ConsoleApp.message(error)))
      }
    }
  }

  /// Verifies the whole log in the background (audited by the Engine).
  public func verifyAudit() {
    if case .pending = governance.verification { return }
    governance.verification = .pending
    let service = auditService
    let me = principal
    background.run {
      do {
        let result = try service.verify(as: me)
        return .verification(principal: me.name, .value(AuditCheck(result, at: Date())))
      } catch {
        return .verification(principal: me.name, .failed(ConsoleApp.message(error)))
      }
    }
  }

  private func readApprovals() {
    let me = principal
    do {
      let requests = try promotionService.requests(status: .pending, as: me)
        .sorted { $0.id < $1.id }
      governance.requests = .value(requests)
      if !requests.contains(where: { $0.id == governanceState.requestSelected }) {
        governanceState.requestSelected = requests.first?.id
      }
      let selected = requests.first { $0.id == governanceState.requestSelected }
      governance.requestVersion = selected.flatMap {
        try? registryService.version($0.model, $0.version, as: me)
      }
    } catch {
      governance.requests = .failed(refuse(error))
      governance.requestVersion = nil
    }
  }

  private func readRegistry() {
    let me = principal
    do {
      let models = try registryService.models(as: me).sorted { $0.name < $1.name }
      governance.models = .value(models)
      if !models.contains(where: { $0.name == governanceState.modelSelected }) {
        governanceState.modelSelected = models.first?.name
        governanceState.historyScroll = 0
      }
      guard let name = governanceState.modelSelected else {
        governance.versions = .value([])
        governance.history = .value([])
        return
      }
      governance.versions = .value(
        try registryService.versions(of: name, as: me).sorted { $0.version > $1.version })
      governance.history = .value(
        try registryService.history(of: name, as: me).sorted { $0.time > $1.time })
    } catch {
      let message = refuse(error)
      governance.models = .failed(message)
      governance.versions = .failed(message)
      governance.history = .failed(message)
    }
  }

  var dataService: DataService {
    DataService(governance: engine.governance, detection: engine.configuration.detection)
  }

  private func readData() {
    let me = principal
    governance.driftThreshold = engine.configuration.detection.dataDriftThreshold
    do {
      let datasets = try dataService.datasets(as: me)
      governance.datasets = .value(datasets)
      if !datasets.contains(where: { $0.name == governanceState.datasetSelected }) {
        governanceState.datasetSelected = datasets.first?.name
        governanceState.datasetVersionSelected = nil
      }
      guard let name = governanceState.datasetSelected else {
        governance.datasetVersions = .value([])
        governance.datasetAccesses = .value([])
        return
      }
      let versions = try dataService.versions(of: name, as: me)
      governance.datasetVersions = .value(versions)
      if !versions.contains(where: { $0.version == governanceState.datasetVersionSelected }) {
        governanceState.datasetVersionSelected = versions.last?.version
      }
    } catch {
      let message = refuse(error)
      governance.datasets = .failed(message)
      governance.datasetVersions = .failed(message)
      governance.datasetAccesses = .failed(message)
      return
    }
    // Recent accesses come from the audit log, which not every role may read: without
    // audit.read the panel says so rather than asking, and being refused (and audited, and
    // counted by the access-anomaly detector) at every refresh.
    guard engine.holds(.auditRead, principal) else {
      governance.datasetAccesses = .failed(
        "\(principal) may not read the audit log (audit.read)")
      return
    }
    do {
      var filter = AuditFilter()
      filter.target = "dataset:\(governanceState.datasetSelected ?? "")"
      filter.limit = 50
      governance.datasetAccesses = .value(
        try auditService.entries(filter, as: principal).map(AuditRow.init))
    } catch {
      governance.datasetAccesses = .failed(ConsoleApp.message(error))
    }
  }

  /// Scans the selected version for PII through the Engine (in the background: a large
  /// dataset takes a while); the landing zone needs data.raw.read.
  func scanSelectedDataset() {
    guard let name = governanceState.datasetSelected,
      let version = governanceState.datasetVersionSelected
    else {
      say("no dataset version selected", .warn)
      return
    }
    let service = dataService
    let me = principal
    say("scanning \(name)@v\(version) for PII…")
    background.run {
      do {
        let (v, findings) = try service.scan(name, version: version, as: me)
        return .decision(
          principal: me.name, text: "\(v.label): \(findings.count) PII findings", ok: true)
      } catch {
        return .decision(principal: me.name, text: ConsoleApp.message(error), ok: false)
      }
    }
  }

  // MARK: Acting

  /// The selected pending request.
  var selectedRequest: PromotionRequest? {
    governance.requests.value?.first { $0.id == governanceState.requestSelected }
  }

  /// Re-evaluates the selected request in the background (episodes on held-out seeds).
  func evaluateSelectedRequest() {
    guard let request = selectedRequest else {
      say("no pending request selected", .warn)
      return
    }
    if case .pending = governance.reviews[request.id] { return }
    governance.reviews[request.id] = .pending
    say("re-evaluating \(request.model) v\(request.version) on held-out seeds…")
    let service = promotionService
    let me = principal
    background.run {
      do {
        let review = try service.reviewWithGates(request.id, as: me)
        return .review(principal: me.name, request: request.id, .value(review))
      } catch {
        return .review(principal: me.name, request: request.id, .failed(ConsoleApp.message(error)))
      }
    }
  }

  /// Approves or rejects a request through the Engine, in the background (approving
  /// re-evaluates the candidate first).
  func decide(_ decision: ReasonPrompt, reason: String) {
    let trimmed = reason.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else {
      say("a reason is required: nothing was decided", .warn)
      return
    }
    let service = promotionService
    let me = principal
    switch decision {
    case .approve(let id):
      say("approving request \(id): re-evaluating the candidate…")
      background.run {
        do {
          let done = try service.approve(id, reason: trimmed, as: me)
          return .decision(
            principal: me.name,
            text: "approved request \(id): \(done.alias) of \(done.model) is now v\(done.version)",
            ok: true)
        } catch {
          return .decision(principal: me.name, text: ConsoleApp.message(error), ok: false)
        }
      }
    case .reject(let id):
      background.run {
        do {
          let done = try service.reject(id, reason: trimmed, as: me)
          return .decision(
            principal: me.name,
            text: "rejected request \(id) (\(done.model) v\(done.version) → \(done.alias))",
            ok: true)
        } catch {
          return .decision(principal: me.name, text: ConsoleApp.message(error), ok: false)
        }
      }
    }
    governance.reviews[decision.request] = nil
  }

  // MARK: Keys

  /// Keys of the governance screens; false when the key is not theirs.
  func handleGovernanceKey(_ key: Key) -> Bool {
    switch (screen, key) {
    case (.audit, .character("v")):
      verifyAudit()
      say("verifying the audit log…")
    case (.audit, .character("/")):
      let text = governanceState.auditQuery.text
      mode = .prompt(Prompt(kind: .auditFilter, text: text, cursor: text.count))
    case (.audit, .escape) where !governanceState.auditQuery.isEmpty:
      setAuditQuery(AuditQuery())
    case (.approvals, .enter), (.approvals, .character("e")):
      evaluateSelectedRequest()
    case (.approvals, .character("a")), (.approvals, .character("r")):
      guard let request = selectedRequest else {
        say("no pending request selected", .warn)
        return true
      }
      let reason: ReasonPrompt =
        key == .character("a") ? .approve(request.id) : .reject(request.id)
      mode = .prompt(Prompt(kind: .reason(reason)))
    case (.data, .character("s")):
      scanSelectedDataset()
    case (.data, .character("J")), (.data, .character("K")):
      let ids = governance.datasetVersions.value?.map(\.version) ?? []
      if let i = ids.firstIndex(where: { $0 == governanceState.datasetVersionSelected }) {
        let j = key == .character("J") ? min(i + 1, ids.count - 1) : max(i - 1, 0)
        governanceState.datasetVersionSelected = ids[j]
      } else {
        governanceState.datasetVersionSelected = ids.last
      }
    case (.registry, .character("J")):
      governanceState.historyScroll += 1
    case (.registry, .character("K")):
      governanceState.historyScroll = max(0, governanceState.historyScroll - 1)
    case (_, .down), (_, .character("j")): moveGovernanceSelection(by: 1)
    case (_, .up), (_, .character("k")): moveGovernanceSelection(by: -1)
    case (_, .pageDown): moveGovernanceSelection(by: 10)
    case (_, .pageUp): moveGovernanceSelection(by: -10)
    case (_, .home), (_, .character("g")): moveGovernanceSelection(by: Int.min / 2)
    case (_, .end), (_, .character("G")): moveGovernanceSelection(by: Int.max / 2)
    default:
      return false
    }
    return true
  }

  func setAuditQuery(_ query: AuditQuery) {
    governanceState.auditQuery = query
    governanceState.auditSelected = nil
    governanceState.auditLimit = 200
    governanceState.dirty = true
    say(query.isEmpty ? "audit filter cleared" : "audit filter: \(query.text)")
  }

  func moveGovernanceSelection(by delta: Int) {
    func step<T: Equatable>(_ ids: [T], _ current: T?) -> T? {
      guard !ids.isEmpty else { return nil }
      let i = current.flatMap { ids.firstIndex(of: $0) } ?? 0
      let (sum, overflow) = i.addingReportingOverflow(delta)
      return ids[overflow ? (delta > 0 ? ids.count - 1 : 0) : min(max(sum, 0), ids.count - 1)]
    }
    switch screen {
    case .audit:
      let ids = governance.audit.value?.entries.map(\.sequence) ?? []
      governanceState.auditSelected = step(ids, governanceState.auditSelected)
      if let s = governanceState.auditSelected, let i = ids.firstIndex(of: s),
        i >= governanceState.auditLimit - 20
      {
        governanceState.auditLimit += 200
      }
    case .approvals:
      governanceState.requestSelected = step(
        governance.requests.value?.map(\.id) ?? [], governanceState.requestSelected)
    case .registry:
      let before = governanceState.modelSelected
      governanceState.modelSelected = step(
        governance.models.value?.map(\.name) ?? [], governanceState.modelSelected)
      if before != governanceState.modelSelected { governanceState.historyScroll = 0 }
    case .alerts:
      governanceState.alertSelected = step(
        governance.detection.alerts.value?.map(\.id) ?? [], governanceState.alertSelected)
    case .incident:
      governanceState.incidentAlertSelected = step(
        governance.detection.incident.value?.alerts.map(\.id) ?? [],
        governanceState.incidentAlertSelected)
    case .data:
      let before = governanceState.datasetSelected
      governanceState.datasetSelected = step(
        governance.datasets.value?.map(\.name) ?? [], governanceState.datasetSelected)
      if before != governanceState.datasetSelected {
        governanceState.datasetVersionSelected = nil
      }
    case .overview, .job:
      return
    }
    governanceState.dirty = true
  }
}

/// What a reason typed at the prompt decides.
enum ReasonPrompt: Equatable, Sendable {
  case approve(Int64)
  case reject(Int64)

  var request: Int64 {
    switch self {
    case .approve(let id), .reject(let id): id
    }
  }

  var prefix: String {
    switch self {
    case .approve(let id): "approve request \(id), reason: "
    case .reject(let id): "reject request \(id), reason: "
    }
  }
}
