import XMLSupport

/// The namespaces of Palisade's OVAL extension for the Docker Engine API (schemas in content/schemas).
enum DockerNamespace {
  static let definitions = "http://palisade.dev/XMLSchema/oval-definitions-5#docker"
  static let systemCharacteristics = "http://palisade.dev/XMLSchema/oval-system-characteristics-5#docker"

  static func object(_ localName: String) -> XMLName { XMLName(definitions, localName) }
}
