// restartable-server: send "BYE\n" to every client and close the connection first; the
// server must be able to restart at once on the same port.
// Started as:  java Main PORT     (listen on 0.0.0.0:PORT)
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

public class Main {
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java Main PORT");
            System.exit(1);
        }
        List<Socket> connections = new ArrayList<>(); // only so that the skeleton keeps them
        try (ServerSocket listener = new ServerSocket()) {
            // TODO: when this server is restarted, its last connection is still in TIME_WAIT
            // and holds the port. Which option, set here before bind(), lets bind() succeed
            // anyway? (Look at ServerSocket.setReuseAddress and at what Java does by default.)
            listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])), 16);
            while (true) {
                Socket client = listener.accept();
                // TODO: write "BYE\n" to client.getOutputStream(), then close the client
                // socket: the server closes first.
                connections.add(client);
            }
        }
    }
}
