import Governance

/// Runs governance-backed work for an Engine service: a governance denial becomes
/// `EngineError.denied` with its message, other governance failures `.governance`, and an
/// `EngineError` passes through.
func engineCall<T>(_ body: () throws -> T) throws(EngineError) -> T {
  do {
    return try body()
  } catch let error as GovernanceError {
    if case .denied(let d) = error { throw .denied(d.message) }
    throw .governance(error.description)
  } catch let error as EngineError {
    throw error
  } catch {
    throw .governance("\(error)")
  }
}
