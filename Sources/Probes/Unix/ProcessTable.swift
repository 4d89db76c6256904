import Foundation

/// The processes of the scanned host as `/proc` (under the root) shows them, read once per scan for process58,
/// process and environmentvariable58 objects. Kernel threads (pid 2 and its children) are left out, as OpenSCAP and
/// `ps` leave them out.
struct ProcessTable: Sendable {
  /// One process, with the fields OVAL's process items report.
  struct Process: Sendable {
    let pid: Int
    let parentPID: Int
    /// The executable's name as the kernel keeps it (at most 15 characters).
    let name: String
    /// The command line as `ps` shows it: arguments joined by spaces, unprintable characters as `.`; for a zombie,
    /// `[name] <defunct>`; when it cannot be read, the name.
    let commandLine: String
    let state: Character
    let sessionID: Int
    let terminal: String
    let priority: Int
    /// CPU time used, `[D-]HH:MM:SS`.
    let executionTime: String
    /// When it started: `HH:MM:SS` today, `Mon_DD` before.
    let startTime: String
    let realUserID: Int
    let effectiveUserID: Int
    let loginUserID: UInt64
    let schedulingClass: String
    let executionShield: Bool
    /// Effective capabilities by OVAL name (`CAP_CHOWN`, ...).
    let capabilities: [String]
  }

  let processes: [Process]

  /// The ids of the folders of `/proc` under the root that name processes, in increasing order.
  static func processIDs(under root: SystemRoot) -> [Int] {
    guard let names = try? root.entryNames(inFolderAtHostPath: "/proc") else { return [] }
    return names.compactMap { name in name.allSatisfy(\.isASCIIDigit) ? Int(name) : nil }.sorted()
  }

  /// Reads every process once.
  static func read(under root: SystemRoot) -> ProcessTable {
    let ticks = max(sysconf(Int32(_SC_CLK_TCK)), 1)
    let bootTime = Self.bootTime(under: root)
    var processes: [Process] = []
    for pid in processIDs(under: root) where pid != 2 {
      guard let process = read(pid: pid, under: root, ticks: ticks, bootTime: bootTime) else { continue }
      processes.append(process)
    }
    return ProcessTable(processes: processes)
  }

  private static func text(_ hostPath: String, under root: SystemRoot, limit: Int = 1 << 20) -> [UInt8]? {
    guard let file = try? root.openRegularFile(atHostPath: hostPath) else { return nil }
    return try? file.readAll(limit: limit)
  }

  private static func bootTime(under root: SystemRoot) -> Int {
    guard let bytes = text("/proc/stat", under: root) else { return 0 }
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("btime ") {
      return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
    }
    return 0
  }

  private static func read(pid: Int, under root: SystemRoot, ticks: Int, bootTime: Int) -> Process? {
    guard let statBytes = text("/proc/\(pid)/stat", under: root, limit: 4096) else { return nil }
    let stat = String(decoding: statBytes, as: UTF8.self)
    guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"), open < close else { return nil }
    let name = String(stat[stat.index(after: open)..<close].prefix(15))
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // Fields after the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
    // cutime cstime priority nice num_threads itrealvalue starttime ...
    guard fields.count >= 20, let state = fields[0].first, let parentPID = Int(fields[1]), parentPID != 2 else {
      return nil
    }
    let session = Int(fields[3]) ?? 0
    let terminal = Int(fields[4]) ?? 0
    let userTime = Int(fields[11]) ?? 0
    let systemTime = Int(fields[12]) ?? 0
    let priority = Int(fields[15]) ?? 0
    let start = Int(fields[19]) ?? 0

    let commandLine: String
    if state == "Z" {
      commandLine = "[\(name)] <defunct>"
    } else if let bytes = text("/proc/\(pid)/cmdline", under: root) {
      commandLine = Self.commandLine(bytes)
    } else {
      commandLine = name
    }
    var realUserID = -1
    var effectiveUserID = -1
    var capabilities: [String] = []
    if let status = text("/proc/\(pid)/status", under: root) {
      for line in String(decoding: status, as: UTF8.self).split(separator: "\n") {
        if line.hasPrefix("Uid:") {
          let ids = line.dropFirst(4).split(whereSeparator: { $0 == " " || $0 == "\t" })
          if ids.count >= 2 {
            realUserID = Int(ids[0]) ?? -1
            effectiveUserID = Int(ids[1]) ?? -1
          }
        } else if line.hasPrefix("CapEff:"),
          let mask = UInt64(line.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16)
        {
          capabilities = Self.capabilityNames.enumerated().compactMap { bit, name in
            mask & (1 << UInt64(bit)) != 0 ? name : nil
          }
        }
      }
    }
    var loginUserID = UInt64(UInt32.max)
    if let bytes = text("/proc/\(pid)/loginuid", under: root),
      let value = UInt64(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    {
      loginUserID = value
    }
    let startSeconds = bootTime + start / ticks
    return Process(
      pid: pid, parentPID: parentPID, name: name, commandLine: commandLine, state: state, sessionID: session,
      terminal: Self.terminalName(terminal), priority: priority,
      executionTime: Self.duration(userTime / ticks + systemTime / ticks), startTime: Self.startTime(startSeconds),
      realUserID: realUserID, effectiveUserID: effectiveUserID, loginUserID: loginUserID,
      schedulingClass: root.isHostRoot ? Self.schedulingClass(pid: pid) : "?",
      executionShield: Self.executionShield(pid: pid, under: root), capabilities: capabilities)
  }

  /// `/proc/PID/cmdline` as `ps` prints it.
  static func commandLine(_ bytes: [UInt8]) -> String {
    var content = bytes[...]
    while content.last == 0 { content = content.dropLast() }
    return String(
      decoding: content.map { byte -> UInt8 in
        if byte == 0 || byte == UInt8(ascii: "\n") { return UInt8(ascii: " ") }
        return byte >= 0x20 && byte < 0x7F ? byte : UInt8(ascii: ".")
      }, as: UTF8.self)
  }

  /// `ps`'s short terminal names: `?` for none, `pts/N`, `ttyN`, `ttySN`, else `MAJOR,MINOR`.
  static func terminalName(_ device: Int) -> String {
    guard device != 0 else { return "?" }
    let major = (device >> 8) & 0xFFF
    let minor = (device & 0xFF) | ((device >> 12) & 0xFFF00)
    switch major {
    case 136...143: return "pts/\(minor + (major - 136) * 256)"
    case 4 where minor < 64: return "tty\(minor)"
    case 4: return "ttyS\(minor - 64)"
    default: return "\(major),\(minor)"
    }
  }

  /// CPU seconds as `[D-]HH:MM:SS`.
  static func duration(_ seconds: Int) -> String {
    let days = seconds / 86400
    let clock = String(format: "%02d:%02d:%02d", (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60)
    return days > 0 ? "\(days)-\(clock)" : clock
  }

  /// The OVAL start_time: `HH:MM:SS` for a process started today, `Mon_DD` before (local time, as `ps`).
  static func startTime(_ seconds: Int) -> String {
    var started = time_t(seconds)
    var now = time(nil)
    var startedParts = tm()
    var nowParts = tm()
    localtime_r(&started, &startedParts)
    localtime_r(&now, &nowParts)
    let format =
      startedParts.tm_yday == nowParts.tm_yday && startedParts.tm_year == nowParts.tm_year ? "%H:%M:%S" : "%b_%d"
    var buffer = [CChar](repeating: 0, count: 32)
    let count = strftime(&buffer, buffer.count, format, &startedParts)
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func schedulingClass(pid: Int) -> String {
    switch sched_getscheduler(pid_t(pid)) {
    case SCHED_OTHER: "TS"
    case 3: "B"  // SCHED_BATCH, which Glibc's Swift module does not export
    case 5: "#5"  // SCHED_IDLE
    case SCHED_FIFO: "FF"
    case SCHED_RR: "RR"
    default: "?"
    }
  }

  /// The exec-shield guess OpenSCAP makes from `/proc/PID/maps`: the last anonymous writable mapping decides, true
  /// unless it is executable with an offset.
  private static func executionShield(pid: Int, under root: SystemRoot) -> Bool {
    guard let bytes = text("/proc/\(pid)/maps", under: root, limit: 16 << 20) else { return false }
    var shield: Bool?
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count == 5, fields[1].hasPrefix("rw") else { continue }
      let permission = fields[1].dropFirst(2).first
      let offset = UInt64(fields[2], radix: 16) ?? 0
      shield = !(permission == "x" && offset != 0)
    }
    return shield ?? false
  }

  /// Capability names by bit, as OVAL 5.11's CapabilityType lists them.
  static let capabilityNames = [
    "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
    "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
    "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
  ]
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
