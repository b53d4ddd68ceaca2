// ping-client: connect (3 s limit), send "PING\n", expect "PONG\n"; print OK / REFUSED / TIMEOUT.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Main HOST PORT");
      System.exit(1);
    }
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    Socket socket = new Socket();
    // TODO: connect to `server`, but give up after 3 s: socket.connect(server) blocks for
    // minutes when nobody answers (socket.connect(server, timeoutMs) does not).
    //   refused (java.net.ConnectException) -> System.out.println("REFUSED"), exit 2
    //   no answer within 3 s (java.net.SocketTimeoutException) -> System.out.println("TIMEOUT"), exit 3
    // TODO: once connected: send "PING\n", read one line; "PONG" -> close, System.out.println("OK"), exit 0.
    socket.close();
    System.exit(1);
  }
}
