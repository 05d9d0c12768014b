// doctor's judgement of a machine's facts (the facts themselves come from the real system).

#include <gtest/gtest.h>

#include "jrun/cli/doctor.h"

namespace jrun::cli {
namespace {

const Finding* find(const std::vector<Finding>& findings, const std::string& what) {
  for (const Finding& f : findings) {
    if (f.what == what) return &f;
  }
  return nullptr;
}

DoctorFacts complete_linux() {
  DoctorFacts f;
  f.package_manager = "apt";
  f.programs = {"qemu-system-x86_64",
                "qemu-img",
                "ssh",
                "ansible-playbook",
                "monit",
                "nft",
                "tini",
                "nsenter",
                "ip"};
  for (const std::string& p : doctor_paths("x86_64")) f.files.insert(p);
  f.files.insert("overlay");
  f.kvm = true;
  f.root = true;
  f.home = "/root/.jrun";
  f.ports_free = {{2222, true}};
  return f;
}

TEST(Doctor, NothingMissingOnACompleteMachine) {
  for (const std::string provider : {"vm", "local"}) {
    DoctorFacts f = complete_linux();
    f.provider = provider;
    for (const Finding& finding : doctor_findings(f)) {
      EXPECT_EQ(finding.level, Finding::Level::kOk) << provider << ": " << finding.what;
    }
  }
}

TEST(Doctor, EachProblemComesWithItsFixForThePackageManager) {
  DoctorFacts f = complete_linux();
  f.programs.erase("qemu-system-x86_64");
  f.kvm = false;
  f.ports_free[2222] = false;
  auto findings = doctor_findings(f);
  ASSERT_NE(find(findings, "qemu-system-x86_64"), nullptr);
  EXPECT_EQ(find(findings, "qemu-system-x86_64")->level, Finding::Level::kMissing);
  EXPECT_EQ(find(findings, "qemu-system-x86_64")->fix, "sudo apt-get install qemu-system-x86");
  EXPECT_EQ(find(findings, "acceleration")->level, Finding::Level::kWarning);
  EXPECT_EQ(find(findings, "port 2222")->level, Finding::Level::kMissing);
  f.package_manager = "brew";
  f.os = "Darwin";
  EXPECT_EQ(find(doctor_findings(f), "qemu-system-x86_64")->fix, "brew install qemu");
  f.package_manager = "pacman";
  f.os = "Linux";
  f.programs.erase("ssh");
  EXPECT_EQ(find(doctor_findings(f), "ssh")->fix, "sudo pacman -S openssh");
}

TEST(Doctor, AForwardSomethingElseListensOnIsReported) {
  DoctorFacts f = complete_linux();
  f.provider = "local";
  f.forwards_taken = {{"web/http tcp 127.0.0.1:8080", "0.0.0.0"}};
  const std::vector<Finding> findings = doctor_findings(f);
  const Finding* found = find(findings, "forward web/http tcp 127.0.0.1:8080");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->level, Finding::Level::kWarning);
  EXPECT_EQ(found->detail,
            "something else listens on 0.0.0.0:8080; the forward answers in its place");
  EXPECT_EQ(found->fix,
            "find it with: ss -ltnup 'sport = :8080', then stop it or move the forward");
}

TEST(Doctor, LocalProviderNeedsRootKernelFeaturesAndAPrivateHome) {
  DoctorFacts f = complete_linux();
  f.provider = "local";
  f.root = false;
  f.files.erase("/proc/self/ns/pid");
  f.files.erase("overlay");
  f.home_exists = true;
  f.home_private = false;
  auto findings = doctor_findings(f);
  EXPECT_EQ(find(findings, "root")->level, Finding::Level::kMissing);
  EXPECT_EQ(find(findings, "PID namespaces")->level, Finding::Level::kMissing);
  EXPECT_EQ(find(findings, "overlayfs")->fix, "sudo modprobe overlay");
  EXPECT_EQ(find(findings, "$JRUN_HOME")->fix, "chmod 0700 /root/.jrun");
  EXPECT_EQ(find(findings, "qemu-img"), nullptr) << "no VM checks for the local provider";
}

}  // namespace
}  // namespace jrun::cli
