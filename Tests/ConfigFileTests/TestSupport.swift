import ConfigFile

/// Parses `text` as a document named `test.toml` and returns its root table.
func parse(_ text: String) throws(ConfigError) -> ConfigTable {
  try ConfigDocument(parsing: text, source: "test.toml").root
}

/// The `file:line: message` refusal of `text` as a document named `bad.toml`, or nil if it parses.
func refusal(_ text: String) -> String? {
  do {
    _ = try ConfigDocument(parsing: text, source: "bad.toml")
    return nil
  } catch {
    return error.description
  }
}

/// The `file:line: message` of the error `body` throws, or nil if it throws none.
func failure<T>(_ body: () throws(ConfigError) -> T) -> String? {
  do {
    _ = try body()
    return nil
  } catch {
    return error.description
  }
}
