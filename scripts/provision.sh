#!/usr/bin/env bash
# Installs the machine-level parts the tests use; safe to run again. Needs root (apt, network namespaces).
#   chromium         – the browser Playwright drives (Playwright cannot download its own here)
#   a CJK font       – so the Chinese UI's screenshots show characters, not boxes (WenQuanYi Micro Hei: small)
#   openssh-server   – sshd for the simulated hosts of the lab
#   iproute2         – ip netns / veth / bridge for the lab
#   Java 17 + Maven  – RocketMQ JVMs, assembled from Maven Central jars
#   javac (JDK 17)   – compiles the tests' RocketMQ Java client (lib/testing/java/RmqTestClient.java)
set -euo pipefail

packages=(chromium fonts-wqy-microhei openssh-server openssh-client iproute2 procps util-linux openjdk-17-jre-headless openjdk-17-jdk-headless maven)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Java and Maven may come from elsewhere than Debian (a preinstalled JDK): accept them when on PATH.
command -v java >/dev/null && missing=("${missing[@]/openjdk-17-jre-headless}")
command -v javac >/dev/null && missing=("${missing[@]/openjdk-17-jdk-headless}")
command -v mvn >/dev/null && missing=("${missing[@]/maven}")
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
  echo "provision: installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  echo "provision: system packages already present"
fi

# sshd refuses to start without its privilege-separation directory.
mkdir -p /run/sshd
