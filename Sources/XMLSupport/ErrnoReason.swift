public import Foundation

/// An errno value as Palisade's messages say it: strerror(3)'s text in lowercase ("permission denied"), never
/// Foundation's localized sentences ("You don’t have permission to save the file ...").
/// - Parameter code: the errno value; the thread's current errno by default.
public func errnoReason(_ code: Int32 = errno) -> String {
  String(cString: strerror(code)).lowercased()
}

/// The errno reason of an error Foundation threw (its underlying POSIX error), in the same words as
/// `errnoReason(_:)`; the error's own description when it carries no errno.
public func errnoReason(of error: any Error) -> String {
  let nsError = error as NSError
  if nsError.domain == NSPOSIXErrorDomain { return errnoReason(Int32(nsError.code)) }
  if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
    return errnoReason(Int32(underlying.code))
  }
  return "\(error)"
}
