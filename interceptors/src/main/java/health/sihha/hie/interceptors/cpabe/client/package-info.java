/**
 * What a client app needs to read sealed national data locally: its own P-256 key pair ({@link
 * health.sihha.hie.interceptors.cpabe.client.AppKeyPair}), the user key the ministry's {@code $cpabe-user-key} wraps
 * to it ({@link health.sihha.hie.interceptors.cpabe.client.UserKeyWrap}), and the opening of a sealed resource
 * ({@link health.sihha.hie.interceptors.cpabe.client.SealedResources}).
 */
package health.sihha.hie.interceptors.cpabe.client;
