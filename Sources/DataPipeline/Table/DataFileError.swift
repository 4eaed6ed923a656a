import ConfigFile

/// A refusal that names the file and line it is about, e.g.
/// `customers.csv:14: ragged row: 3 fields, the header has 4`: the same `source:line: message`
/// error the configuration files use.
public typealias DataFileError = ConfigError
