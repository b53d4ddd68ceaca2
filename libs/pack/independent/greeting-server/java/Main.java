// greeting-server, an independent Java solution: "HELLO <ip> <port>\n" from the accepted
// socket's remote address, then close first; one client after another.
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Main PORT");
      System.exit(2);
    }
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])));
      while (true) {
        try (Socket client = listener.accept()) {
          InetSocketAddress peer = (InetSocketAddress) client.getRemoteSocketAddress();
          String greeting = "HELLO " + peer.getAddress().getHostAddress() + " " + peer.getPort() + "\n";
          OutputStream out = client.getOutputStream();
          out.write(greeting.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          System.err.println("client failed: " + e.getMessage());
        }
      }
    }
  }
}
