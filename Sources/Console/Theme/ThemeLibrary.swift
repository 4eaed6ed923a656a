import Foundation

/// Finds theme files by name (`NAME.theme` in a list of folders, first match wins) or by path.
public struct ThemeLibrary: Hashable, Sendable {
  /// Folders searched in order for `NAME.theme`; folders that do not exist are skipped.
  public var searchPaths: [String]

  public init(searchPaths: [String]) {
    self.searchPaths = searchPaths
  }

  /// Loads a theme by name or path.
  ///
  /// A value containing `/` or ending in `.theme` is a path (a leading `~/` means `$HOME`); its
  /// theme is named after the file without `.theme`. Any other value is a name looked up as
  /// `NAME.theme` in `searchPaths` in order. `"default"` with no `default.theme` anywhere is
  /// `Theme.fallback`, so the console always starts.
  public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
    if Self.isPath(nameOrPath) {
      let path = NSString(string: nameOrPath).expandingTildeInPath
      return try Self.loadFile(atPath: path)
    }
    if let path = path(forName: nameOrPath) { return try Self.loadFile(atPath: path) }
    if nameOrPath == Theme.fallback.name { return .fallback }
    throw .notFound(name: nameOrPath, searchPaths: searchPaths)
  }

  /// Where `load(name)` would read `name` from: the first `NAME.theme` file in `searchPaths`.
  public func path(forName name: String) -> String? {
    guard !name.isEmpty, !Self.isPath(name) else { return nil }
    for folder in searchPaths {
      let candidate = Self.join(folder, name + Self.fileExtension)
      if Self.isRegularFile(candidate) { return candidate }
    }
    return nil
  }

  /// The names `load` accepts, sorted and without duplicates: every `NAME.theme` file in the
  /// search paths, plus `"default"`, which always loads.
  public func availableNames() -> [String] {
    var names: Set<String> = [Theme.fallback.name]
    for folder in searchPaths {
      guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        continue
      }
      for entry in entries where entry.hasSuffix(Self.fileExtension) && !entry.hasPrefix(".") {
        let name = String(entry.dropLast(Self.fileExtension.count))
        // `x.theme.theme` would be listed as `x.theme`, which `load` reads as a path.
        if !Self.isPath(name), Self.isRegularFile(Self.join(folder, entry)) { names.insert(name) }
      }
    }
    return names.sorted()
  }

  /// Reads and parses one theme file; the theme is named after the file without `.theme`.
  public static func loadFile(atPath path: String) throws(ThemeError) -> Theme {
    guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
    guard isRegularFile(path) else { throw .unreadable(path: path, reason: "not a regular file") }
    if let size = fileSize(path), size > maximumFileSize {
      throw .unreadable(path: path, reason: "larger than \(maximumFileSize / 1024) KiB")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "permission denied or I/O error")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(path: path, reason: "not UTF-8 text")
    }
    var name = Substring(path)
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if name.hasSuffix(fileExtension) { name = name.dropLast(fileExtension.count) }
    return try Theme.parse(text, name: String(name), source: path)
  }

  /// Whether `load` treats `value` as a path rather than a name.
  public static func isPath(_ value: String) -> Bool {
    value.contains("/") || value.hasSuffix(fileExtension)
  }

  /// The default search paths, in order (duplicates removed, all absolute):
  ///
  /// 1. each folder in `$RAMPART_THEMES` (colon-separated like `PATH`), if set and non-empty;
  /// 2. `<currentDirectory>/themes`;
  /// 3. the repository's `themes/`: walking up from the executable's folder to the nearest
  ///    `.build` folder, whose parent is the package root (`REPO/.build/release/rampart` →
  ///    `REPO/themes`); for an installed binary with no `.build` above it,
  ///    `<prefix>/share/rampart/themes` (`/usr/local/bin/rampart` →
  ///    `/usr/local/share/rampart/themes`).
  ///
  /// Pure: it only rewrites strings and never touches the file system, so pass an absolute
  /// `executablePath` (e.g. `Bundle.main.executablePath`); a bare command name (no `/`) adds
  /// nothing for step 3. Relative entries resolve against `currentDirectory`.
  public static func defaultSearchPaths(
    environment: [String: String], executablePath: String, currentDirectory: String
  ) -> [String] {
    var paths: [String] = []
    if let list = environment["RAMPART_THEMES"] {
      for entry in list.split(separator: ":") where !entry.isEmpty {
        var folder = String(entry)
        if let home = environment["HOME"], folder == "~" || folder.hasPrefix("~/") {
          folder = home + folder.dropFirst()
        }
        paths.append(absolute(folder, in: currentDirectory))
      }
    }
    paths.append(absolute("themes", in: currentDirectory))
    if executablePath.contains("/") {
      let folders = components(of: absolute(executablePath, in: currentDirectory)).dropLast()
      if let build = folders.lastIndex(of: ".build") {
        paths.append(path(from: folders[..<build] + ["themes"]))
      } else if !folders.isEmpty {
        paths.append(path(from: folders.dropLast() + ["share", "rampart", "themes"]))
      }
    }
    var seen: Set<String> = []
    return paths.filter { seen.insert($0).inserted }
  }

  // MARK: Paths

  static let fileExtension = ".theme"

  /// A theme is a few hundred bytes; anything this large is the wrong file.
  static let maximumFileSize = 256 * 1024

  /// Whether `path` is a regular file, following symbolic links (not a folder or a device).
  private static func isRegularFile(_ path: String) -> Bool {
    let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    return (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
  }

  private static func fileSize(_ path: String) -> Int? {
    let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    return (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize
  }

  private static func join(_ folder: String, _ file: String) -> String {
    folder.hasSuffix("/") ? folder + file : folder + "/" + file
  }

  /// `path` made absolute against `base` and normalised lexically (`.`, `..`, `//`).
  private static func absolute(_ path: String, in base: String) -> String {
    Self.path(from: components(of: path.hasPrefix("/") ? path : join(base, path)))
  }

  /// The normalised components of an absolute path (`/a/./b/../c` → `["a", "c"]`).
  private static func components(of path: String) -> [String] {
    var out: [String] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..": if !out.isEmpty { out.removeLast() }
      default: out.append(String(part))
      }
    }
    return out
  }

  private static func path<C: Collection<String>>(from components: C) -> String {
    "/" + components.joined(separator: "/")
  }
}
